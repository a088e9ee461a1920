#include <stdio.h>
#include <editline/readline.h>

/* Swift 6 does not touch C global variables, so the REPL sets and reads libedit's readline globals
 * through these helpers. */

/* The key sequence bound to libedit's ed-redisplay, which the completion command feeds back as input to
 * have the line redrawn (a command bound with rl_add_defun cannot ask for a refresh itself). */
#define LUNETTE_EDIT_REDISPLAY_KEYS "^X^R"

/* Initialises libedit for the REPL: its own signal handlers off (the host handles Ctrl-C), keys read
 * by `read_character`, and Tab bound to `complete`. libedit's rl_complete is not used: this version
 * rings the terminal bell after every completion, even a unique one. */
static inline void lunette_edit_initialize(rl_command_func_t *complete, int (*read_character)(FILE *)) {
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_readline_name = "lunette";
    rl_getc_function = read_character;
    rl_initialize();
    rl_add_defun("lunette-complete", complete, '\t');
    rl_parse_and_bind("bind " LUNETTE_EDIT_REDISPLAY_KEYS " ed-redisplay");
}

/* Has the prompt and line redrawn once the current command returns. */
static inline void lunette_edit_request_redisplay(void) {
    rl_insert(1, 'X' & 0x1f);
    rl_insert(1, 'R' & 0x1f);
}

/* The line being edited and the cursor's byte offset in it, for the completion command. */
static inline const char *lunette_edit_line(void) { return rl_line_buffer; }
static inline int lunette_edit_point(void) { return rl_point; }
