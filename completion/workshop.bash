# bash completion for workshop(1).
# Subcommands and options come from the program's own --help (so they follow
# the option tables), module ids from "workshop list --ids".

_workshop_commands()
{
	workshop --help 2>/dev/null |
		sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p'
}

_workshop_options()
{
	workshop "$1" --help 2>/dev/null |
		grep -o -- '--[a-z][a-z-]*' | sort -u
}

_workshop()
{
	local cur prev cmd i
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--content) ((i++)) ;;
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	case $prev in
	--content)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	--key|--log|--roster|--socket|--keys|--checkpoint|--passphrase-file|--pubkey|--output|--auth-file|--password-file|--state|--cacert|-k|-o|-l|-r)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--module|-m)
		COMPREPLY=($(compgen -W "$(workshop list --ids 2>/dev/null)" -- "$cur"))
		return ;;
	--format)
		COMPREPLY=($(compgen -W "table csv json json-logs xapi matrix matrix-csv" -- "$cur"))
		return ;;
	esac
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--content --help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(_workshop_commands)" -- "$cur"))
		fi
		return
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_workshop_options "$cmd")" -- "$cur"))
		return
	fi
	case $cmd in
	learn|facilitate)
		COMPREPLY=($(compgen -W "$(workshop list --ids 2>/dev/null)" -- "$cur")) ;;
	validate|verify|certificate|send)
		COMPREPLY=($(compgen -f -- "$cur")) ;;
	esac
}
complete -F _workshop workshop
