# qmld_add_module(NAME SOURCES... LIBS ...): one static engine module library,
# qmld-NAME. Its users see only the public headers (engine/include, <qmld/...>);
# the module itself also sees the engine's internal headers by module path
# ("protocol/Codec.h"). So app/ and ui/ cannot include an engine internal: the
# build fails if one tries.
function(qmld_add_module name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    add_library(qmld-${name} STATIC ${ARG_SOURCES} ${ARG_UNPARSED_ARGUMENTS})
    set_target_properties(qmld-${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
    target_include_directories(qmld-${name}
        PUBLIC ${PROJECT_SOURCE_DIR}/engine/include
        PRIVATE ${PROJECT_SOURCE_DIR}/engine)
    target_link_libraries(qmld-${name} PUBLIC ${ARG_LIBS} PRIVATE qmld::settings)
endfunction()

# White-box tests, benchmarks and fuzzers link this to reach engine internals.
add_library(qmld-engine-internals INTERFACE)
add_library(qmld::engine-internals ALIAS qmld-engine-internals)
target_include_directories(qmld-engine-internals INTERFACE ${PROJECT_SOURCE_DIR}/engine)
