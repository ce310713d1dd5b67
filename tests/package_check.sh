#!/bin/sh
# The Debian package: builds with cpack, lintian reports no errors, the
# installed binary finds its installed content and man pages from anywhere.
#
# As root, and when no workshop package is installed already, the package is
# really installed with apt-get, checked, then removed again (so a
# developer's machine ends as it began).  Otherwise the package is unpacked
# into a temporary root and the relocated binary is checked there.
set -u
bin=$1 src=$2
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok: $1"; }
not_ok() { fail=$((fail + 1)); echo "FAIL: $1"; [ -z "${2:-}" ] || printf '%s\n' "$2"; }
check() { # NAME COMMAND...
	name=$1; shift
	if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$out"; fi
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/workshop-pkg.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
build=$tmp/build
if ! cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release \
	-DCMAKE_INSTALL_PREFIX=/usr -DWORKSHOP_TESTS=OFF >"$tmp/log" 2>&1 ||
	! cmake --build "$build" -j "$(nproc)" >>"$tmp/log" 2>&1 ||
	! (cd "$build" && cpack -G DEB) >>"$tmp/log" 2>&1; then
	cat "$tmp/log"
	echo "FAIL: the package builds"
	exit 1
fi
ok "the package builds"
deb=$(ls "$build"/workshop_*.deb)

fields=$(dpkg-deb -f "$deb")
for want in "Package: workshop" "Section: education" "Maintainer: " \
	"Description: " libsodium23 libyaml-0-2 libjansson4; do
	case $fields in
	*"$want"*) ok "control field: $want" ;;
	*) not_ok "control field: $want" "$fields" ;;
	esac
done
case $fields in
*libncursesw6*) ok "depends on ncursesw" ;;
*) not_ok "depends on ncursesw" "$fields" ;;
esac

if command -v lintian >/dev/null; then
	lint=$(lintian --no-tag-display-limit "$deb" 2>&1)
	if printf '%s\n' "$lint" | grep -q '^E:'; then
		not_ok "lintian reports no errors" "$lint"
	else
		ok "lintian reports no errors"
	fi
else
	not_ok "lintian is installed"
fi

# Every file the package ships comes from the source tree or the build.
listing=$(dpkg-deb -c "$deb")
for f in ./usr/bin/workshop ./usr/share/man/man1/workshop.1.gz \
	./usr/share/man/man5/workshop-content.5.gz \
	./usr/share/bash-completion/completions/workshop \
	./usr/share/doc/workshop/copyright ./usr/share/doc/workshop/changelog.gz; do
	case $listing in
	*" $f"*) ok "ships $f" ;;
	*) not_ok "ships $f" ;;
	esac
done
for dir in modules quizzes scenarios; do
	[ -d "$src/$dir" ] || continue
	case $listing in
	*"./usr/share/workshop/$dir/"*.yaml*) ok "ships the $dir of the content pack" ;;
	*) not_ok "ships the $dir of the content pack" ;;
	esac
done

# Run from / so nothing can be found relative to the working directory.
run_checks() { # PREFIX
	check "installed binary reports its version" \
		sh -c "cd / && '$1/bin/workshop' --version"
	if [ -d "$src/modules" ]; then
		check "installed binary validates its installed content" \
			sh -c "cd / && env -u WORKSHOP_CONTENT '$1/bin/workshop' validate | grep -q '^ok:'"
	fi
	check "installed man page renders" \
		sh -c "zcat '$1/share/man/man1/workshop.1.gz' | mandoc -Tascii | sed 's/.\x08//g' | grep -q 'EXIT STATUS'"
}

if [ "$(id -u)" = 0 ] && ! dpkg-query -W -f='${Status}' workshop 2>/dev/null |
	grep -q 'install ok installed'; then
	if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 "$deb" >"$tmp/apt" 2>&1; then
		ok "apt-get installs the package"
		run_checks /usr
		if command -v man >/dev/null; then
			check "man workshop finds the page" sh -c "cd / && man -w workshop"
		fi
		if DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq -o DPkg::Lock::Timeout=300 workshop >"$tmp/apt" 2>&1 &&
			[ ! -e /usr/bin/workshop ] && [ ! -e /usr/share/workshop ]; then
			ok "apt-get removes the package cleanly"
		else
			not_ok "apt-get removes the package cleanly" "$(cat "$tmp/apt")"
		fi
	else
		not_ok "apt-get installs the package" "$(cat "$tmp/apt")"
	fi
else
	echo "(not root, or a workshop package is installed: checking an unpacked copy)"
	dpkg-deb -x "$deb" "$tmp/root"
	run_checks "$tmp/root/usr"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
