// What a fuzz target does when a property fails: print why and abort, so libFuzzer saves the
// input and the corpus replay test fails. Layer: fuzz (test code, not shipped).
#pragma once

#include <cstdio>
#include <cstdlib>

#define WOF_FUZZ_CHECK(condition)                                                                \
  do {                                                                                          \
    if (!(condition)) {                                                                         \
      std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                             \
    }                                                                                           \
  } while (false)
