// A shared library with no Qt plugin metadata.
extern "C" __attribute__((visibility("default"))) int qmld_test_not_a_plugin()
{
    return 42;
}
