// The `caunoi` command line: subcommands and their --help texts.
#pragma once

namespace gw::gateway {

// Runs the command line; returns the process exit code.
int RunCli(int argc, char** argv);

}  // namespace gw::gateway
