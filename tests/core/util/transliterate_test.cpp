// Spec: Latin readings of names in other scripts (ICU's Any-Latin; Latin-ASCII).
#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "core/util/transliterate.hpp"

using namespace wof::core;

TEST_CASE("latinReading spells a name in Latin letters as ICU reads it") {
  CHECK(latinReading("Νίκος Παπαδόπουλος") == "Nikos Papadopoulos");
  CHECK(latinReading("Дмитрий Иванов") == "Dmitrij Ivanov");
  CHECK(latinReading("王秀英") == "wang xiu ying");
  CHECK(latinReading("Zoë Ødegård") == "Zoe Odegard");
  CHECK(latinReading("Plain ASCII, kept as it is") == "Plain ASCII, kept as it is");
  CHECK(latinReading("") == "");
}

TEST_CASE("latinReading is safe from several threads at once") {
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &wrong] {
      for (int i = 0; i < 200; ++i)
        if (latinReading("Дмитрий Иванов") != "Dmitrij Ivanov") ++wrong[static_cast<std::size_t>(t)];
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(wrong == std::vector<int>(4, 0));
}
