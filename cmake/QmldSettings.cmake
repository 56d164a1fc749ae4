# One INTERFACE target carries the compile settings every qmld target shares.
add_library(qmld_settings INTERFACE)
add_library(qmld::settings ALIAS qmld_settings)

target_compile_features(qmld_settings INTERFACE cxx_std_20)
target_compile_definitions(qmld_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_STRICT_ITERATORS
)
target_compile_options(qmld_settings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Wcast-align
    -Woverloaded-virtual -Wimplicit-fallthrough
    $<$<BOOL:${QMLD_WARNINGS_AS_ERRORS}>:-Werror>
)

# qmld_add_test(NAME SOURCES... [LIBS ...]): one Qt Test executable, registered
# with CTest and run offscreen.
function(qmld_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES} ${ARG_UNPARSED_ARGUMENTS})
    target_link_libraries(${name} PRIVATE qmld::settings qmld::engine-internals Qt6::Test ${ARG_LIBS})
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support)
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    # A test that skipped something (QSKIP) and failed nothing exits 0: CTest
    # reports it as skipped, not passed. A failure stays a failure.
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        SKIP_REGULAR_EXPRESSION "Totals: [0-9]+ passed, 0 failed, [1-9][0-9]* skipped"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QMLD_BIN_DIR=${CMAKE_BINARY_DIR}/bin;QMLD_SOURCE_DIR=${PROJECT_SOURCE_DIR};QMLD_NODE_PEERS=${PROJECT_SOURCE_DIR}/tests/peers/node")
endfunction()
