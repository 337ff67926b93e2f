#!/usr/bin/env bash
# Sets up a Debian 12 machine for Wall of Fame and builds it, then runs the demo kiosk or the tests.
#   scripts/dev.sh demo   install what is missing, build, start the kiosk on built-in demo data
#   scripts/dev.sh test   install what is missing, build, run the whole test suite through ctest
#                         then the non-UI tests again under ASan+UBSan (WOF_SANITIZE_CI=0: not)
# Runs as root or as a user with sudo (only apt-get needs it). BUILD_DIR overrides ./build.
set -euo pipefail

cd "$(dirname "$0")/.."
mode="${1:-}"
build_dir="${BUILD_DIR:-build}"

packages=(
  build-essential cmake pkg-config
  libimgui-dev libglfw3-dev libgl-dev libfreetype-dev libsqlite3-dev libstb-dev
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev doctest-dev
  libsodium-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev libjpeg62-turbo-dev libsystemd-dev
  libwebp-dev libheif-dev libexif-dev
  libutf8proc-dev libicu-dev libhowardhinnant-date-dev
  fonts-dejavu-core
  # Every colleague's name in every script: fontconfig falls back from DejaVu to Noto.
  fonts-noto-core fonts-noto-cjk
)
if [[ "$mode" == test ]]; then
  # A real window under a virtual X server with Mesa's software OpenGL, for the UI tests.
  # XTest drives the kiosk like a finger in the UI tests.
  packages+=(xvfb xauth libgl1-mesa-dri libx11-dev libxtst-dev)
  # Report tests unzip the XLSX to read its sheet XML and render PDFs with pdftoppm.
  packages+=(unzip poppler-utils)
  # The package test builds the .deb (CPack's dependency scan needs file and dpkg-shlibdeps; the
  # man page comes from help2man), lints it, and installs, upgrades and purges it in a Debian 12
  # root made by mmdebstrap.
  packages+=(file dpkg-dev help2man lintian mmdebstrap)
  # Real shares in the suite: a Samba server mounted through FUSE, and three Syncthing nodes.
  packages+=(samba smbclient smbnetfs fuse3 syncthing jq curl python3)
  # The CLI tests read status --json and verify --json with jq.
  packages+=(jq)
  # The shaping test compares each script's name with HarfBuzz's own hb-shape and hb-view.
  packages+=(libharfbuzz-bin)
  # The roster test has LibreOffice save an XLSX as CSV, as HR does (51 packages, 79 MB download,
  # 247 MB installed; about 17 s per conversion with a fresh profile).
  packages+=(libreoffice-calc-nogui)
  # Photo tests make their photos with tools nobody here wrote: ImageMagick, exiftool (EXIF
  # orientation), cwebp and img2webp, heif-enc (HEIC through x265, AVIF through aom).
  packages+=(imagemagick libimage-exiftool-perl webp libheif-examples)
  # The sync cost test counts a no-change sync's file-system calls on the share.
  packages+=(strace)
  # The calendar tests run the CLI with its clock moved by libfaketime.
  packages+=(faketime)
fi

case "$mode" in
  demo|test) ;;
  *) echo "usage: $0 demo|test" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if (( ${#missing[@]} )); then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# -Werror here and in CI only (WOF_WERROR): a distribution's newer compiler must not fail the build.
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWOF_BUILD_UI=ON -DWOF_BUILD_TESTS=ON -DWOF_WERROR=ON
cmake --build "$build_dir" --parallel "$(nproc)"

if [[ "$mode" == test ]]; then
  ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)"
  # The core, CLI, crash, disk-fault, sync, hostile-file and fuzz-corpus tests once more under
  # AddressSanitizer and UndefinedBehaviorSanitizer (no window: the UI tests stay in the run
  # above). Timed in README.md; WOF_SANITIZE_CI=0 skips it.
  if [[ "${WOF_SANITIZE_CI:-1}" == 1 ]]; then
    asan_dir="${ASAN_BUILD_DIR:-build-asan}"
    cmake -S . -B "$asan_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWOF_SANITIZE=ON -DWOF_BUILD_UI=OFF \
      -DWOF_BUILD_TESTS=ON -DWOF_BUILD_BENCH=OFF -DWOF_WERROR=ON
    cmake --build "$asan_dir" --parallel "$(nproc)"
    # Left to the plain run: the CLI specs run under faketime's LD_PRELOAD or strace, which the
    # ASan runtime refuses to follow. tests/lsan.supp: fontconfig's caches (reached through cairo by the PDF report tests) and
    # Mesa's and X11's, never freed before exit.
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
      LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
      ctest --test-dir "$asan_dir" --output-on-failure --parallel "$(nproc)" \
      -E "Tokyo from kiosk.toml|25-hour day whole|starts with a UTF-8 BOM|opened in LibreOffice|nothing new reads as much|0 ok, 1 warning, 2 critical, 3 unknown"
  fi
  exit 0
fi

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "No display found (DISPLAY is not set). Run this from a desktop session, or see README.md" >&2
  echo "for taking a screenshot under Xvfb." >&2
  exit 1
fi
# A window you can close; the full-screen kiosk has no way out but the admin screen.
if (( $# > 1 )); then
  exec "$build_dir/wall-of-fame" kiosk --demo "${@:2}"
fi
exec "$build_dir/wall-of-fame" kiosk --demo --windowed 1600x900
