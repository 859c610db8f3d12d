// The caunoi executable.
#include "gateway/cli.hpp"

int main(int argc, char** argv) {
  return gw::gateway::RunCli(argc, argv);
}
