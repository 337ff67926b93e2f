// RAII wrappers over SQLite: Database, Statement, Transaction. <sqlite3.h> stays in the .cpp.
// Layer: core/store. Errors from SQLite become SqliteError exceptions (they are unexpected);
// destructors never throw.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/util/time_zone.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace wof::core {

class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& what, int systemErrno = 0)
      : std::runtime_error(what), m_code(code), m_systemErrno(systemErrno) {}
  int code() const { return m_code; }  // extended result code
  // A fault of the disk a person can name and fix: "full", "read-only", or empty for anything else.
  std::string_view diskFault() const;

 private:
  int m_code;
  int m_systemErrno;  // errno of the failed system call, when SQLite saw one
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite. Each returns *this so calls chain.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  // Binds without a copy: SQLite reads `text` in place, so it must stay unchanged until the
  // statement is reset or the parameter bound again. For hot loops that bind and run at once.
  Statement& bindUnowned(int index, std::string_view text);
  Statement& bindNull(int index);
  Statement& bind(int index, const std::optional<std::string>& text);

  // Advances to the next row: true while a row is available, false when done.
  bool step();
  // Runs a statement that returns no rows (or ignores them).
  void run();
  void reset();

  // Columns are 0-based, as in SQLite.
  bool isNull(int column) const;
  std::int64_t getInt(int column) const;
  double getDouble(int column) const;
  std::string getText(int column) const;
  std::optional<std::string> getOptionalText(int column) const;

 private:
  sqlite3* m_db = nullptr;
  sqlite3_stmt* m_stmt = nullptr;
};

class Database {
 public:
  // Opens (creating if needed) a database file in WAL mode with synchronous=FULL and foreign keys.
  explicit Database(const std::filesystem::path& file);
  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  std::int64_t lastInsertRowId() const;
  int changes() const;
  // True inside BEGIN ... COMMIT (a Transaction), false in autocommit mode.
  bool inTransaction() const;
  // Runs a query that yields one integer (e.g. PRAGMA user_version).
  std::int64_t queryInt(std::string_view sql);
  const std::filesystem::path& path() const { return m_path; }
  // The calendar of the SQL function wof_local_month(ms) that the monthly counts' triggers call:
  // UTC until set. Whoever changes it rebuilds what was derived in the old one (Store does).
  void setTimeZone(const TimeZone& zone);
  const TimeZone& timeZone() const { return *m_zone; }

 private:
  sqlite3* m_db = nullptr;
  std::filesystem::path m_path;
  std::unique_ptr<TimeZone> m_zone;  // on the heap: SQLite holds its address across moves
};

// The connection's page cache at `mebibytes` while this lives, then at its own size again (the
// pages beyond that are freed). For one large write transaction, such as a new kiosk importing the
// whole share: SQLite's default 2 MiB holds a fraction of the pages such a transaction changes, so
// it writes them to the WAL before the commit, again at the commit, and reads them back between.
class ScopedPageCache {
 public:
  ScopedPageCache(Database& db, int mebibytes);
  ~ScopedPageCache();
  ScopedPageCache(const ScopedPageCache&) = delete;
  ScopedPageCache& operator=(const ScopedPageCache&) = delete;

 private:
  Database& m_db;
  std::int64_t m_ownSize;  // PRAGMA cache_size as it was: pages, or KiB when negative
};

// BEGIN IMMEDIATE on construction; rolls back in the destructor unless commit() ran. Inside an
// open transaction it nests as a SAVEPOINT instead: commit() releases it into the outer
// transaction (which still decides), the destructor rolls back only its own changes.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& m_db;
  bool m_nested = false;
  bool m_done = false;
};

}  // namespace wof::core
