#!/usr/bin/env bash
# The test command (npm test). Always ends with one line "N passed, N failed, N skipped";
# exits non-zero when anything failed. A typecheck failure counts as one failed test.
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1

# (a) System tools for the browser, PDF and workbook tests: Debian chromium, CJK fonts, poppler-utils, and
#     LibreOffice Calc (headless, without recommends) for the recalculation test.
APT_PACKAGES=(chromium fonts-wqy-zenhei fonts-noto-cjk poppler-utils)
APT_NO_RECOMMENDS=(libreoffice-calc-nogui)
have_pkg() {
  case "$1" in
    chromium) [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1 ;;
    poppler-utils) command -v pdftotext >/dev/null 2>&1 ;;
    libreoffice-calc-nogui) command -v soffice >/dev/null 2>&1 ;;
    *) command -v dpkg-query >/dev/null 2>&1 &&
         [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ] ;;
  esac
}
missing=()
for p in "${APT_PACKAGES[@]}"; do have_pkg "$p" || missing+=("$p"); done
missing_lean=()
for p in "${APT_NO_RECOMMENDS[@]}"; do have_pkg "$p" || missing_lean+=("$p"); done
if [ ${#missing[@]} -gt 0 ] || [ ${#missing_lean[@]} -gt 0 ]; then
  echo "tests/run.sh: missing Debian packages: ${missing[*]} ${missing_lean[*]}"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "tests/run.sh: installing them with apt-get (a minute or two on a fresh machine)..."
    t0=$SECONDS
    ok=1
    apt-get update -qq || ok=0
    if [ $ok = 1 ] && [ ${#missing[@]} -gt 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || ok=0
    fi
    if [ $ok = 1 ] && [ ${#missing_lean[@]} -gt 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing_lean[@]}" >/dev/null || ok=0
    fi
    if [ $ok = 1 ]; then echo "tests/run.sh: installed in $((SECONDS - t0)) s"
    else echo "tests/run.sh: apt-get failed; browser, PDF and LibreOffice tests will fail"; fi
  else
    echo "tests/run.sh: not root (or no apt-get); install them with:"
    echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
    [ ${#missing_lean[@]} -gt 0 ] && echo "  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing_lean[*]}"
    echo "tests/run.sh: continuing; browser, PDF and LibreOffice tests will fail"
  fi
fi

# (b) Typecheck.
typecheck_failed=0
echo "tests/run.sh: tsc --noEmit -p tsconfig.json"
if ! npx --no-install tsc --noEmit -p tsconfig.json; then
  typecheck_failed=1
  echo "tests/run.sh: TYPECHECK FAILED (counted as 1 failed test)"
fi

# (c) Vitest; tests/summary-reporter.ts prints the last line and adds SUMMARY_EXTRA_FAILED.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
SUMMARY_EXTRA_FAILED=$typecheck_failed npx --no-install vitest run 2>&1 | tee "$log"
vitest_status=${PIPESTATUS[0]}

summary_re='^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$'
last=$(grep -v '^[[:space:]]*$' "$log" | tail -n 1)
if ! [[ "$last" =~ $summary_re ]]; then
  # Vitest died before its reporters ran (config error, crash): count it as one failure.
  echo "tests/run.sh: vitest exited with status $vitest_status without a summary"
  echo
  echo "0 passed, $((typecheck_failed + 1)) failed, 0 skipped"
  exit 1
fi
if [ "$vitest_status" != 0 ] && [[ "$last" =~ ^([0-9]+)\ passed,\ 0\ failed(,\ ([0-9]+)\ skipped)?$ ]]; then
  # e.g. "No test files found": vitest failed but counted no failure; make the last line say so.
  echo "tests/run.sh: vitest exited with status $vitest_status"
  echo
  echo "${BASH_REMATCH[1]} passed, 1 failed, ${BASH_REMATCH[3]:-0} skipped"
  exit 1
fi
if [ "$typecheck_failed" != 0 ] || [ "$vitest_status" != 0 ]; then exit 1; fi
exit 0
