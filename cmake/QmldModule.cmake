# qmld_add_module(NAME SOURCES... LIBS ...): one static engine module library,
# qmld-NAME, seeing the public headers (engine/include) and the engine's
# internal headers by module path ("protocol/LineCodec.h").
function(qmld_add_module name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    add_library(qmld-${name} STATIC ${ARG_SOURCES} ${ARG_UNPARSED_ARGUMENTS})
    set_target_properties(qmld-${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
    target_include_directories(qmld-${name} PUBLIC
        ${PROJECT_SOURCE_DIR}/engine/include
        ${PROJECT_SOURCE_DIR}/engine)
    target_link_libraries(qmld-${name} PUBLIC ${ARG_LIBS} PRIVATE qmld::settings)
endfunction()
