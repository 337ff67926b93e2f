// RAII wrappers over SQLite. Layer: core/store.
#include "core/storage/database.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <utility>

namespace wof::core {

namespace {

[[noreturn]] void throwError(sqlite3* db, int code, std::string_view context) {
  std::string message(context);
  message += ": ";
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  throw SqliteError(code, message, db ? sqlite3_system_errno(db) : 0);
}

}  // namespace

// [SECTION] SqliteError

std::string_view SqliteError::diskFault() const {
  // SQLite reports a full disk as SQLITE_FULL, but a write that fails in the WAL or a remount
  // under an open connection comes as an I/O error: the system errno says which.
  const int primary = m_code & 0xFF;
  const bool systemFault = primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN;
  if (primary == SQLITE_FULL || (systemFault && (m_systemErrno == ENOSPC || m_systemErrno == EDQUOT))) return "full";
  if (primary == SQLITE_READONLY || (systemFault && m_systemErrno == EROFS)) return "read-only";
  return {};
}

// [SECTION] Statement

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db) {
  const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr);
  if (rc != SQLITE_OK) throwError(db, rc, std::string("preparing \"") + std::string(sql.substr(0, 80)) + "\"");
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement::Statement(Statement&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_stmt(std::exchange(other.m_stmt, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(m_stmt);
    m_db = std::exchange(other.m_db, nullptr);
    m_stmt = std::exchange(other.m_stmt, nullptr);
  }
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(m_stmt, index, value);
  if (rc != SQLITE_OK) throwError(m_db, rc, "binding an integer");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  const int rc = sqlite3_bind_double(m_stmt, index, value);
  if (rc != SQLITE_OK) throwError(m_db, rc, "binding a number");
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  // A default-constructed string_view has no data pointer, which SQLite would bind as NULL;
  // text is never NULL here (bindNull says so explicitly).
  const char* data = text.data() != nullptr ? text.data() : "";
  const int rc = sqlite3_bind_text64(m_stmt, index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) throwError(m_db, rc, "binding text");
  return *this;
}

Statement& Statement::bindUnowned(int index, std::string_view text) {
  const char* data = text.data() != nullptr ? text.data() : "";
  const int rc = sqlite3_bind_text64(m_stmt, index, data, text.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (rc != SQLITE_OK) throwError(m_db, rc, "binding text");
  return *this;
}

Statement& Statement::bindNull(int index) {
  const int rc = sqlite3_bind_null(m_stmt, index);
  if (rc != SQLITE_OK) throwError(m_db, rc, "binding NULL");
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bindNull(index);
}

bool Statement::step() {
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throwError(m_db, rc, std::string("running \"") + std::string(sqlite3_sql(m_stmt)).substr(0, 80) + "\"");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
std::int64_t Statement::getInt(int column) const { return sqlite3_column_int64(m_stmt, column); }
double Statement::getDouble(int column) const { return sqlite3_column_double(m_stmt, column); }

std::string Statement::getText(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
  return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string();
}

std::optional<std::string> Statement::getOptionalText(int column) const {
  if (isNull(column)) return std::nullopt;
  return getText(column);
}

// [SECTION] Database

Database::Database(const std::filesystem::path& file)
    : m_db(nullptr), m_path(file), m_zone(std::make_unique<TimeZone>(TimeZone::utc())) {
  const int rc = sqlite3_open_v2(file.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = "opening database " + file.string() + ": " +
                                (m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc));
    const int systemErrno = m_db ? sqlite3_system_errno(m_db) : 0;
    sqlite3_close(m_db);
    m_db = nullptr;
    throw SqliteError(rc, message, systemErrno);
  }
  sqlite3_extended_result_codes(m_db, 1);
  // Another process (the CLI next to the running kiosk) may hold the write lock briefly.
  sqlite3_busy_timeout(m_db, 5000);
  exec("PRAGMA journal_mode=WAL");
  // FULL: a nomination is on disk when its commit returns, so the thank-you screen tells the truth.
  exec("PRAGMA synchronous=FULL");
  exec("PRAGMA foreign_keys=ON");
  // Statement journals (a multi-row insert inside a savepoint keeps one) and temp tables in memory,
  // not in temp files: a fifth of a new kiosk's import was writing and reading them back (P9). A
  // kiosk's database is tens of MiB after years, so its largest sort fits in memory as well.
  exec("PRAGMA temp_store=MEMORY");
  // wof_local_month(created_at): "YYYY-MM" of an instant in the company's calendar, for the
  // monthly counts' triggers (migration 12). Innocuous: the triggers may call it whatever
  // trusted_schema says.
  const int defined = sqlite3_create_function_v2(
      m_db, "wof_local_month", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS, m_zone.get(),
      [](sqlite3_context* context, int, sqlite3_value** arguments) {
        const auto* zone = static_cast<const TimeZone*>(sqlite3_user_data(context));
        const std::string month = zone->formatMonth(sqlite3_value_int64(arguments[0]));
        sqlite3_result_text(context, month.data(), static_cast<int>(month.size()), SQLITE_TRANSIENT);
      },
      nullptr, nullptr, nullptr);
  if (defined != SQLITE_OK) throwError(m_db, defined, "defining wof_local_month");
}

Database::~Database() { sqlite3_close_v2(m_db); }

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)), m_zone(std::move(other.m_zone)) {}

void Database::setTimeZone(const TimeZone& zone) { *m_zone = zone; }

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(m_db);
    m_db = std::exchange(other.m_db, nullptr);
    m_path = std::move(other.m_path);
    m_zone = std::move(other.m_zone);
  }
  return *this;
}

void Database::exec(std::string_view sql) {
  const std::string text(sql);
  char* error = nullptr;
  const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = "running \"" + text.substr(0, 80) + "\": " + (error ? error : sqlite3_errstr(rc));
    sqlite3_free(error);
    throw SqliteError(rc, message, sqlite3_system_errno(m_db));
  }
}

Statement Database::prepare(std::string_view sql) { return Statement(m_db, sql); }
std::int64_t Database::lastInsertRowId() const { return sqlite3_last_insert_rowid(m_db); }
int Database::changes() const { return sqlite3_changes(m_db); }

bool Database::inTransaction() const { return sqlite3_get_autocommit(m_db) == 0; }

std::int64_t Database::queryInt(std::string_view sql) {
  Statement statement = prepare(sql);
  return statement.step() ? statement.getInt(0) : 0;
}

// [SECTION] ScopedPageCache

ScopedPageCache::ScopedPageCache(Database& db, int mebibytes)
    : m_db(db), m_ownSize(db.queryInt("PRAGMA cache_size")) {
  m_db.exec("PRAGMA cache_size = -" + std::to_string(std::int64_t{mebibytes} * 1024));
}

ScopedPageCache::~ScopedPageCache() {
  try {
    m_db.exec("PRAGMA cache_size = " + std::to_string(m_ownSize));
  } catch (...) {
    // Never throw from a destructor; a larger cache than asked for is no fault.
  }
}

// [SECTION] Transaction

// A nested Transaction's savepoint; SQLite matches a name to the innermost savepoint that has it,
// so one name serves every depth.
constexpr std::string_view kNestedSavepoint = "wof_nested_transaction";

Transaction::Transaction(Database& db) : m_db(db), m_nested(db.inTransaction()) {
  m_db.exec(m_nested ? "SAVEPOINT " + std::string(kNestedSavepoint) : std::string("BEGIN IMMEDIATE"));
}

Transaction::~Transaction() {
  if (m_done) return;
  try {
    if (m_nested) {
      m_db.exec("ROLLBACK TO " + std::string(kNestedSavepoint));
      m_db.exec("RELEASE " + std::string(kNestedSavepoint));
    } else {
      m_db.exec("ROLLBACK");
    }
  } catch (...) {
    // Never throw from a destructor; SQLite has already rolled back if the connection failed.
  }
}

void Transaction::commit() {
  m_db.exec(m_nested ? "RELEASE " + std::string(kNestedSavepoint) : std::string("COMMIT"));
  m_done = true;
}

}  // namespace wof::core
