// set-pin and moderate. Layer: app: reads input, calls core, prints results.
#include "app/admin_commands.hpp"

#include <termios.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/command_support.hpp"
#include "app/commands.hpp"
#include "core/admin/admin_actions.hpp"
#include "core/admin/admin_pin.hpp"
#include "core/util/clock.hpp"
#include "core/config/config_edit.hpp"
#include "core/util/text.hpp"

namespace wof::app {

namespace {

// [SECTION] reading a PIN

// Turns terminal echo off for its lifetime (and back on, even on an exception).
class EchoOff {
 public:
  EchoOff() {
    if (::tcgetattr(STDIN_FILENO, &m_saved) == 0) {
      termios quiet = m_saved;
      quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
      m_active = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
  }
  ~EchoOff() {
    if (m_active) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  termios m_saved{};
  bool m_active = false;
};

std::optional<std::string> readLine(const char* prompt, bool terminal) {
  std::string line;
  if (terminal) {
    std::cerr << prompt << std::flush;
    EchoOff quiet;
    const bool got = static_cast<bool>(std::getline(std::cin, line));
    std::cerr << "\n";
    if (!got) return std::nullopt;
  } else if (!std::getline(std::cin, line)) {
    return std::nullopt;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string readTextFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string() + " (does it exist? set-pin edits an existing kiosk.toml)");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

// [SECTION] set-pin

int runSetPin(const std::filesystem::path& configOption) {
  // Edit the file a symlink points at, not replace the link with a copy.
  std::error_code linkError;
  const std::filesystem::path configFile = std::filesystem::is_symlink(configOption, linkError)
                                               ? std::filesystem::canonical(configOption)
                                               : configOption;
  const std::string before = readTextFile(configFile);
  core::ConfigResult current = core::parseConfig(before, configFile);
  if (!current.config) {
    for (const std::string& error : current.errors) std::cerr << error << "\n";
    std::cerr << "set-pin: fix " << configFile.string() << " first; nothing was changed\n";
    return kExitFailure;
  }

  const bool terminal = ::isatty(STDIN_FILENO) == 1;
  const std::optional<std::string> pin = readLine("New admin PIN (4-12 digits): ", terminal);
  if (!pin) {
    std::cerr << "set-pin: no PIN on standard input; nothing was changed\n";
    return kExitFailure;
  }
  if (!core::isValidPinFormat(*pin)) {
    std::cerr << "set-pin: the PIN must be " << core::kMinPinDigits << " to " << core::kMaxPinDigits
              << " digits (0-9) and nothing else; got " << pin->size() << " characters. Nothing was changed\n";
    return kExitFailure;
  }
  if (terminal) {
    const std::optional<std::string> again = readLine("Repeat the PIN: ", terminal);
    if (!again || *again != *pin) {
      std::cerr << "set-pin: the two PINs differ; nothing was changed\n";
      return kExitFailure;
    }
  }

  const std::string hash = core::hashPin(*pin);
  const std::string after = core::withTopLevelStringKey(before, "admin_pin_hash", hash);
  const core::ConfigResult check = core::parseConfig(after, configFile);
  if (!check.config || check.config->adminPinHash != hash) {
    // Only a kiosk.toml whose admin_pin_hash line we cannot rewrite safely gets here (e.g. a
    // multi-line value); refuse rather than write a file the kiosk would reject.
    std::cerr << "set-pin: could not edit admin_pin_hash in " << configFile.string()
              << " safely; set it by hand to the line below. Nothing was changed\nadmin_pin_hash = \"" << hash
              << "\"\n";
    return kExitFailure;
  }
  // Open the database before touching the file, so a data_dir problem changes nothing.
  core::Store store = openStore(*check.config);
  core::writeFileAtomically(configFile, after);
  // A new PIN from someone with access to the kiosk's files lifts any lockout.
  core::AdminPinGuard(store).reset("cli", core::nowMs());
  store.audit("cli", "set-pin", "admin PIN changed", core::nowMs());
  std::cout << "Admin PIN set in " << configFile.string() << " (stored as an argon2id hash)\n";
  return kExitOk;
}

// [SECTION] moderate

int runModerate(const ModerateArgs& args) {
  const int actions = int(args.approve) + int(args.hide) + int(!args.winnerPeriod.empty());
  if (actions != 1) {
    std::cerr << "moderate: choose exactly one of --approve, --hide or --winner PERIOD\n";
    return kExitFailure;
  }
  if (args.reasonGiven && !args.hide) {
    std::cerr << "moderate: --reason goes with --hide only\n";
    return kExitFailure;
  }
  if (args.citationGiven && args.winnerPeriod.empty()) {
    std::cerr << "moderate: --citation goes with --winner only\n";
    return kExitFailure;
  }
  const std::string reason(core::trim(args.reason));
  if (!core::isValidUtf8(reason) || core::countCodePoints(reason) > 500) {
    std::cerr << "moderate: --reason must be UTF-8 text of at most 500 characters\n";
    return kExitFailure;
  }
  std::optional<core::Config> config = loadConfigOrReport(args.configFile);
  if (!config) return kExitFailure;
  core::Store store = openStore(*config);
  const std::optional<core::Nomination> nomination = store.nomination(args.nominationId);
  if (!nomination) {
    std::cerr << "moderate: no nomination with id " << args.nominationId << " on this kiosk\n";
    return kExitFailure;
  }
  const core::TimeMs now = core::nowMs();

  if (!args.winnerPeriod.empty()) {
    const core::WinnerOutcome outcome =
        core::selectWinner(store, "cli", args.nominationId, args.winnerPeriod, args.citation, now);
    if (!outcome.winner) {
      std::cerr << "moderate: " << outcome.error << "\n";
      return kExitFailure;
    }
    std::cout << outcome.winner->id << "\n";
    std::cerr << (outcome.winner->displayName.empty() ? outcome.winner->employeeId : outcome.winner->displayName)
              << " is a Customer Champion of " << outcome.winner->period << "\n";
    return kExitOk;
  }

  const core::NominationStatus status = args.approve ? core::NominationStatus::Approved : core::NominationStatus::Hidden;
  if (nomination->status == status && nomination->hideReason == reason) {
    std::cout << "Nomination " << args.nominationId << " is already " << core::toText(status) << "\n";
    return kExitOk;
  }
  if (args.approve)
    core::approveNomination(store, "cli", args.nominationId, now);
  else
    core::hideNomination(store, "cli", args.nominationId, reason, now);
  std::cout << "Nomination " << args.nominationId << " is now " << core::toText(status) << "\n";
  return kExitOk;
}

// [SECTION] winners

int runWinners(const std::filesystem::path& configFile, const std::string& period) {
  if (!period.empty() && !core::parseMonthUtc(period)) {
    std::cerr << "winners: --period \"" << period << "\" is not a month written YYYY-MM, e.g. 2026-11\n";
    return kExitFailure;
  }
  std::optional<core::Config> config = loadConfigOrReport(configFile);
  if (!config) return kExitFailure;
  core::Store store = openStore(*config);
  const std::vector<core::Winner> winners = store.winnersForHr(period);
  for (const core::Winner& winner : winners)
    std::cout << winner.id << '\t' << winner.period << '\t' << winner.employeeId << '\t' << winner.displayName << '\t'
              << winner.citation << "\n";
  if (winners.empty()) std::cerr << "No winners" << (period.empty() ? "" : " for " + period) << " yet\n";
  return kExitOk;
}

}  // namespace wof::app
