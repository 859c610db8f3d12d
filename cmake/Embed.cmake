# gw_embed(TARGET NAME FILES f1 f2 ... BASE dir): compiles the files' bytes into a static library
# that exposes them as gw::embedded::NAME(path) -> std::optional<std::string_view>, so the single
# `caunoi` binary carries its locales, flows and web pages and runs from any working directory.
function(gw_embed target name)
  cmake_parse_arguments(E "" "BASE" "FILES" ${ARGN})
  set(out_cpp "${CMAKE_CURRENT_BINARY_DIR}/${name}_embedded.cpp")
  set(out_hpp "${CMAKE_CURRENT_BINARY_DIR}/include/embedded/${name}.hpp")
  set(abs_files "")
  foreach(f IN LISTS E_FILES)
    list(APPEND abs_files "${E_BASE}/${f}")
  endforeach()
  # A CMake list cannot pass through a command line intact; join with '|' and split in the script.
  string(REPLACE ";" "|" files_arg "${E_FILES}")
  add_custom_command(
    OUTPUT "${out_cpp}" "${out_hpp}"
    COMMAND ${CMAKE_COMMAND} -DNAME=${name} -DBASE=${E_BASE} "-DFILES=${files_arg}"
            -DOUT_CPP=${out_cpp} -DOUT_HPP=${out_hpp} -P ${PROJECT_SOURCE_DIR}/cmake/EmbedGen.cmake
    DEPENDS ${abs_files} ${PROJECT_SOURCE_DIR}/cmake/EmbedGen.cmake
    COMMENT "Embedding ${name} files"
    VERBATIM)
  add_library(${target} STATIC "${out_cpp}")
  # .incbin reads the files when the .cpp is compiled: recompile when any of them changes.
  set_source_files_properties("${out_cpp}" PROPERTIES OBJECT_DEPENDS "${abs_files}")
  target_include_directories(${target} PUBLIC "${CMAKE_CURRENT_BINARY_DIR}/include")
endfunction()
