// The one door to ncursesw. Macros and globals that Swift 6 cannot import
// (or cannot touch safely: stdscr, LINES, COLS, A_BOLD) are wrapped here.
#ifndef MARAC_CNCURSES_SHIM_H
#define MARAC_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/curses.h>

static inline WINDOW *marac_stdscr(void) { return stdscr; }
/* newterm on the process's own terminal streams. */
static inline SCREEN *marac_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int marac_lines(void) { return LINES; }
static inline int marac_cols(void) { return COLS; }
static inline unsigned int marac_attr_bold(void) { return A_BOLD; }
static inline unsigned int marac_attr_reverse(void) { return A_REVERSE; }
static inline unsigned int marac_attr_underline(void) { return A_UNDERLINE; }
static inline unsigned int marac_attr_dim(void) { return A_DIM; }
static inline unsigned int marac_color_pair(int n) { return COLOR_PAIR(n); }
static inline int marac_key_resize(void) { return KEY_RESIZE; }
static inline int marac_key_mouse(void) { return KEY_MOUSE; }
static inline unsigned long marac_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline unsigned long marac_button5_pressed(void) {
#ifdef BUTTON5_PRESSED
    return BUTTON5_PRESSED;
#else
    return 0;
#endif
}
static inline unsigned long marac_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline int marac_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int marac_getmaxx(WINDOW *w) { return getmaxx(w); }
#endif
