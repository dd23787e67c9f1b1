# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
# scripts/debian.sh - sourced by the scripts that fetch what a target
# kernel needs from Debian's archive. Never changes the host's apt sources.
#
#	kmend_dist REL            the Debian release REL belongs to
#	kmend_line REL            its kernel line, 6.1 or 6.12
#	kmend_apt DIST CMD ARG... apt-get or apt-cache on DIST's archive
#	kmend_download DIST DIR PKG...
#	                          apt-get download PKG... into DIR
#	kmend_source_version DIST REL
#	                          the kernel source version linux-image-REL is of
#	kmend_missing REL         what to pass kmend build for a REL not fetched
#
# bookworm (the host's own release) uses the host's apt lists. trixie has
# its own state under build/apt/trixie/: a sources list (trixie,
# trixie-updates, trixie-security), lists, cache and an empty dpkg status,
# updated once on first use, again when KMEND_APT_UPDATE=1.

kmend_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# kmend_dist REL: bookworm for 6.1.0-N-amd64 and 6.12.N+deb12-amd64,
# trixie for 6.12.N+deb13-amd64; anything else is not supported.
kmend_dist() {
	case $1 in
	6.1.0-*-amd64 | 6.12.*+deb12-amd64) echo bookworm ;;
	6.12.*+deb13-amd64) echo trixie ;;
	*)
		echo "kernel release '$1' is not supported (scripts/kernel-releases lists those that are)" >&2
		return 1
		;;
	esac
}

# kmend_line REL: the upstream line of REL (6.1 for 6.1.0-57-amd64, 6.12
# for 6.12.117+deb12-amd64), which names its linux-source-LINE package and
# the folder of tests' twins for that line.
kmend_line() {
	local line=${1%%[-+]*}
	echo "${line%.*}"
}

# kmend_apt_state DIST: set up DIST's private apt state, print the apt
# options that select it (nothing for the host's own release).
kmend_apt_state() {
	local dist=$1 dir
	[ "$dist" = bookworm ] && return 0
	dir=$kmend_top/build/apt/$dist
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/etc"
	if [ ! -f "$dir/etc/sources.list" ]; then
		cat > "$dir/etc/sources.list.new" <<-SOURCES
		deb http://deb.debian.org/debian $dist main
		deb http://deb.debian.org/debian $dist-updates main
		deb http://deb.debian.org/debian-security $dist-security main
		SOURCES
		mv "$dir/etc/sources.list.new" "$dir/etc/sources.list"
	fi
	: >> "$dir/status"
	printf '%s\n' -o "Dir::Etc::sourcelist=$dir/etc/sources.list" \
		-o "Dir::Etc::sourceparts=$dir/etc/none" \
		-o "Dir::State::Lists=$dir/lists" \
		-o "Dir::State::status=$dir/status" \
		-o "Dir::Cache=$dir/cache"
}

kmend_apt() {
	local dist=$1 cmd=$2 dir opts=()
	shift 2
	mapfile -t opts < <(kmend_apt_state "$dist")
	if [ "$dist" != bookworm ]; then
		dir=$kmend_top/build/apt/$dist
		if [ ! -e "$dir/lists/.updated" ] || [ "${KMEND_APT_UPDATE:-0}" = 1 ]; then
			echo "debian: apt-get update for $dist (state in ${dir#"$kmend_top"/})" >&2
			apt-get "${opts[@]}" update -q < /dev/null >&2
			touch "$dir/lists/.updated"
		fi
	fi
	"$cmd" "${opts[@]}" "$@"
}

# kmend_download DIST DIR PKG...: the .debs of PKG... in DIR (made
# writable for the _apt user apt-get download drops to).
kmend_download() {
	local dist=$1 dir=$2
	shift 2
	mkdir -p "$dir"
	chmod 777 "$dir"
	(cd "$dir" && kmend_apt "$dist" apt-get download -q "$@" < /dev/null >&2)
}

# kmend_source_version DIST REL: the Debian version of the kernel source
# linux-image-REL was built from (its Built-Using: "linux (= 6.1.192-3)",
# "linux-6.12 (= 6.12.117-1~deb12u1)"); empty when DIST's lists do not
# have the image.
kmend_source_version() {
	kmend_apt "$1" apt-cache show "linux-image-$2" 2> /dev/null |
		sed -n 's/^Built-Using:.*\blinux[-0-9.]* (= \([^)]*\)).*/\1/p' | head -n 1
}

# kmend_missing REL: why REL's headers could not be fetched, and what to
# pass kmend build instead (one line).
kmend_missing() {
	local rel=$1 dist ver
	if ! dist=$(kmend_dist "$rel" 2> /dev/null); then
		echo "$rel is not a release kmend fetches from Debian's archive (bookworm's 6.1 and 6.12 lines, trixie's 6.12): install its headers (/usr/src/linux-headers-$rel) and pass -s DIR (its source tree), -c FILE (its config) and --vmlinux FILE (its vmlinux)"
		return 0
	fi
	if kmend_apt "$dist" apt-cache show "linux-headers-$rel" > /dev/null 2>&1; then
		echo "linux-headers-$rel is in $dist's lists but could not be fetched (see above)"
		return 0
	fi
	ver=$(kmend_source_version "$dist" "$rel")
	echo "$rel is no longer in Debian's archive ($dist's lists have no linux-headers-$rel${ver:+; its image, still there, was built from linux $ver}): install linux-headers-$rel (snapshot.debian.org keeps every release) and pass -s DIR (its linux-source${ver:+ $ver}, unpacked), -c FILE (its config, /boot/config-$rel) and --vmlinux FILE (its vmlinux, or /boot/vmlinuz-$rel)"
}
