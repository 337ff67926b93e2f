#!/usr/bin/env bash
# Writes wall-of-fame(1), gzipped, from the program's own --help: the top-level help through
# help2man, each command's --help in COMMANDS, then packaging/wall-of-fame.h2m (files, exit
# status, see also). So the page cannot drift from the command line.
# Usage: manpage.sh PROGRAM OUT.1.gz
set -euo pipefail
program=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --help as roff text: the program named as installed, not by its build path; backslashes
# escaped, '-' a minus sign (options), a leading '.' or "'" not read as a request.
roff() {
  sed -e "s|$program|wall-of-fame|g" -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
}

commands=$("$program" --help | sed -n '/^Subcommands:/,/^$/{s/^  \([a-z][a-z-]*\) .*/\1/p}')
[[ -n "$commands" ]] || { echo "manpage.sh: no commands in '$program --help'" >&2; exit 1; }
{
  echo "[COMMANDS]"
  echo "Each command takes the options shown with it (\\fBwall\\-of\\-fame\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR prints the same)."
  for command in $commands; do
    echo ".SS \"$command\""
    echo ".nf"
    "$program" "$command" --help | roff
    echo ".fi"
  done
  cat "$here/wall-of-fame.h2m"
} >"$work/include.h2m"

# The page's date: the changelog's, so the same source makes the same page.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date -d "$(sed -n 's/^ -- .*>  //p' "$here/changelog" | head -n 1)" +%s)}
help2man --no-info --no-discard-stderr --section=1 --source="Wall of Fame" \
  --name="touchscreen kiosk for recognising customer-focused colleagues" \
  --include="$work/include.h2m" --output="$work/wall-of-fame.1" "$program"
gzip -9n <"$work/wall-of-fame.1" >"$out"
