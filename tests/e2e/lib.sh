# tests/e2e/lib.sh: drive the real program in tmux, as a person would.
#
# Source it from an end-to-end script (POSIX sh), then:
#   e2e_init "$@"                 # WORKSHOP SOURCE_DIR FIXTURES from CTest
#   e2e_start 80 24 learn --name Sam ...   # workshop ARGS in an 80x24 pane
#                                 # (E2E_ENV=NAME=VALUE adds one variable)
#   e2e_wait "Quiz 1/2"           # poll the screen until the text shows
#   e2e_keys Down Enter           # tmux send-keys names or literal text
#   e2e_type "some text"          # literal text
#   e2e_has "Correct" / e2e_lacks "Answer:"   # assertions on the screen
#   e2e_resize 20 5
#   e2e_stop                      # hang up the program and wait for its end
#   e2e_finish                    # kills tmux, prints "N passed, N failed"
#
# With E2E_VALGRIND=1 every program started by e2e_start runs under valgrind
# memcheck; waits are five times longer, and e2e_finish counts each run that
# reported an error or a definite/indirect leak as a failure.
#
# Each run has its own tmux server (-L), its own HOME and XDG directories in
# a temporary directory ($E2E_TMP), so tests can run in parallel and never
# touch the user's files.  Waits poll with a timeout; nothing sleeps blind.

E2E_PASS=0
E2E_FAIL=0

e2e_init() {
	E2E_BIN=$1
	E2E_SRC=$2
	E2E_FIXTURES=$3
	E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/workshop-e2e.XXXXXX")
	E2E_SOCK=e2e-$$
	E2E_RUNS=0
	E2E_SLOW=1
	[ "${E2E_VALGRIND:-0}" = 1 ] && E2E_SLOW=5
	export HOME="$E2E_TMP/home"
	export XDG_CONFIG_HOME="$E2E_TMP/config"
	export XDG_STATE_HOME="$E2E_TMP/state"
	export XDG_RUNTIME_DIR="$E2E_TMP/run"
	mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" "$XDG_RUNTIME_DIR"
	chmod 700 "$XDG_RUNTIME_DIR"
	# No status line: the pane is the whole window, COLS x ROWS.
	printf 'set -g status off\nset -g history-limit 5000\n' >"$E2E_TMP/tmux.conf"
	export LANG=C.UTF-8 LC_ALL=C.UTF-8
	unset NO_COLOR TMUX
	trap 'e2e_cleanup' EXIT INT TERM
}

e2e_cleanup() {
	tmux -L "$E2E_SOCK" kill-server 2>/dev/null
	# Programs hung up by kill-server may still be saving their state.
	[ -n "${E2E_KEEP:-}" ] || rm -rf "$E2E_TMP" 2>/dev/null ||
		{ sleep 0.5; rm -rf "$E2E_TMP"; }
}

e2e_tmux() {
	tmux -L "$E2E_SOCK" -f "$E2E_TMP/tmux.conf" "$@"
}

# e2e_start COLS ROWS ARGS...: start workshop ARGS in a new session "t".
# The program runs under a small shell that, once it ends, prints
# "[workshop exited N]" and keeps the pane open.  The marker comes through
# the same terminal after everything the program wrote, so a test that sees
# it has seen all the output (a pane that dies at once can lose its last
# output, and its exit status, to a race inside tmux).
e2e_start() {
	cols=$1
	rows=$2
	shift 2
	if ! e2e_tmux has-session -t keep 2>/dev/null; then
		# A placeholder session keeps one server up for the whole test,
		# so killing "t" never races with the server shutting down.
		e2e_tmux new-session -d -s keep 'exec sleep 86400'
	fi
	e2e_stop
	E2E_RUNS=$((E2E_RUNS + 1))
	if [ "${E2E_VALGRIND:-0}" = 1 ]; then
		set -- valgrind --quiet --error-exitcode=99 --leak-check=full \
			--errors-for-leak-kinds=definite,indirect \
			--show-leak-kinds=definite,indirect \
			--log-file="$E2E_TMP/valgrind.$E2E_RUNS.%p" "$E2E_BIN" "$@"
	else
		set -- "$E2E_BIN" "$@"
	fi
	e2e_tmux new-session -d -s t -x "$cols" -y "$rows" \
		-e HOME="$HOME" -e XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
		-e XDG_STATE_HOME="$XDG_STATE_HOME" \
		-e XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" -e TERM=xterm-256color \
		-e LANG="$LANG" -e LC_ALL="$LC_ALL" \
		${E2E_ENV:+-e "$E2E_ENV"} \
		sh -c '"$@"; echo "[workshop exited $?]"; exec sleep 86400' \
		workshop "$@"
}

# e2e_stop: hang up session "t" (as closing the terminal does) and wait
# until its program has ended, so whatever it saves on a hang-up is on disk
# before the next program reads it.
e2e_stop() {
	ppid=$(e2e_tmux display -p -t t '#{pane_pid}' 2>/dev/null) || return 0
	kids=$(pgrep -P "$ppid" 2>/dev/null)
	e2e_tmux kill-session -t t 2>/dev/null
	for k in $kids; do
		i=0
		while kill -0 "$k" 2>/dev/null && [ "$i" -lt $((200 * E2E_SLOW)) ]; do
			sleep 0.05
			i=$((i + 1))
		done
	done
}

# The pane's text, with its scrollback: line-mode output that scrolled is
# still what the user saw.  Full-screen programs draw on the alternate
# screen, which has no scrollback, so for them this is just the screen.
e2e_screen() {
	e2e_tmux capture-pane -p -J -S - -t t
}

# e2e_wait TEXT [SECONDS]: wait until TEXT (fixed string) is on screen.
e2e_wait() {
	want=$1
	limit=$((${2:-10} * E2E_SLOW))
	i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		if e2e_screen | grep -qF -- "$want"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "timed out waiting for: $want"
	echo "--- screen ---"
	e2e_screen
	echo "--------------"
	return 1
}

e2e_keys() {
	e2e_tmux send-keys -t t "$@"
}

e2e_type() {
	e2e_tmux send-keys -t t -l "$1"
}

e2e_resize() {
	e2e_tmux resize-window -t t -x "$1" -y "$2"
}

# e2e_ok NAME / e2e_not_ok NAME [DETAIL]: count one check.
e2e_ok() {
	E2E_PASS=$((E2E_PASS + 1))
	echo "ok: $1"
}

e2e_not_ok() {
	E2E_FAIL=$((E2E_FAIL + 1))
	echo "FAIL: $1"
	[ -z "${2:-}" ] || printf '%s\n' "$2"
}

# e2e_check NAME TEXT [SECONDS]: TEXT shows on screen within the time.
e2e_check() {
	if out=$(e2e_wait "$2" "${3:-10}"); then
		e2e_ok "$1"
	else
		e2e_not_ok "$1" "$out"
	fi
}

# e2e_lacks NAME TEXT: TEXT is not on the screen now.
e2e_lacks() {
	if e2e_screen | grep -qF -- "$2"; then
		e2e_not_ok "$1" "$(e2e_screen)"
	else
		e2e_ok "$1"
	fi
}

# e2e_exited [SECONDS]: wait for the program to end; prints its status
# ("running" if it has not ended in time).
e2e_exited() {
	i=0
	while [ "$i" -lt $((${1:-10} * 20 * E2E_SLOW)) ]; do
		st=$(e2e_screen | sed -n 's/^\[workshop exited \([0-9]*\)\]$/\1/p' | tail -n 1)
		if [ -n "$st" ]; then
			echo "$st"
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "running"
	return 1
}

e2e_finish() {
	for log in "$E2E_TMP"/valgrind.*; do
		[ -s "$log" ] || continue
		e2e_not_ok "valgrind: $(basename "$log")" "$(cat "$log")"
	done
	echo "$E2E_PASS passed, $E2E_FAIL failed"
	[ "$E2E_FAIL" -eq 0 ]
}
