/*
 * The C half of Lunette's Lua boundary.
 *
 * Lua raises errors with longjmp, and a longjmp must never cross a Swift frame. So:
 *  - every Lua function written in Swift is entered through lunette_trampoline (a C function): Swift
 *    returns a status, and only after its frame is gone does the trampoline call lua_error;
 *  - Lua API calls that can raise (metamethods, calls, concatenation) are made through the protected
 *    helpers below, which run them inside lua_pcall;
 *  - the allocator aborts on exhaustion instead of returning NULL, so plain pushes never raise.
 */
#ifndef LUNETTE_LUA_H
#define LUNETTE_LUA_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

/* Lua's function-like macros, which Swift cannot import. */
static inline int lunette_registry_index(void) { return LUA_REGISTRYINDEX; }
static inline int lunette_upvalue_index(int i) { return lua_upvalueindex(i); }
static inline int lunette_gc(lua_State *L, int what, int data) { return lua_gc(L, what, data); }
static inline void *lunette_extra_space(lua_State *L) { return lua_getextraspace(L); }

/* What a Swift body returns instead of a result count when it failed: the error value is on the
 * top of the stack. RAISE prefixes the caller's position ("file.lua:12: "), RETHROW keeps the value
 * as it is (an error that came back from Lua code and already carries its position). */
#define LUNETTE_RAISE (-1)
#define LUNETTE_RETHROW (-2)

/* The Swift side: runs the body stored in the userdata `body` with the arguments on L's stack. */
typedef int (*lunette_dispatch_fn)(lua_State *L, void *body);

/* A new state with the aborting allocator, the standard libraries opened and the warning system on. */
lua_State *lunette_newstate(void);

/* Installs the dispatcher once per process. */
void lunette_set_dispatch(lunette_dispatch_fn fn);

/* Pushes a Lua function that calls the dispatcher with `body`. `body` is an opaque retained pointer;
 * it is released through `release` when the function is collected. */
typedef void (*lunette_release_fn)(void *body);
void lunette_push_function(lua_State *L, void *body, lunette_release_fn release);
/* The body behind a function pushed by lunette_push_function, or NULL for any other value. */
void *lunette_function_body(lua_State *L, int idx);

/* Gives the list on top of the stack the metatable of shapes, whose __tostring writes "(64, 28, 28, 1)". */
void lunette_mark_shape(lua_State *L);

/* Full userdata holding one retained Swift object and `class_key` (a unique address); the metatable
 * is stored in the registry under `class_key`. The object is released by the metatable's __gc. */
void lunette_new_object(lua_State *L, void *object, const void *class_key);
/* The object stored in the userdata at idx if it is an object of class_key, else NULL. */
void *lunette_to_object(lua_State *L, int idx, const void *class_key);
/* Clears the object slot (used by __gc so a resurrected userdata cannot reach a released object);
 * NULL for a userdata that is not an object of class_key. */
void *lunette_take_object(lua_State *L, int idx, const void *class_key);

/* Builds an __index function for a class from the methods table and a fallback function pushed in
 * that order (both popped): keys found in the methods table are answered without leaving C; other
 * keys go to fallback(object, key). */
void lunette_push_index(lua_State *L);

/* Protected operations: each returns LUA_OK or an error status with the error value on the stack. */
int lunette_pgettable(lua_State *L, int obj);                 /* pops key, pushes obj[key] */
int lunette_psettable(lua_State *L, int obj);                 /* pops key and value, obj[key] = value */
int lunette_ptostring(lua_State *L, int idx);                 /* pushes tostring(value) */
int lunette_pcall_traceback(lua_State *L, int nargs, int nresults); /* pcall with a traceback handler */

/* SIGINT support. lunette_interrupt_request() is async-signal-safe: it sets a flag and a hook that
 * raises the Lua error "interrupted" at the next instruction of Lua code. Swift code running long
 * loops polls lunette_interrupt_pending(). */
void lunette_interrupt_attach(lua_State *L);
void lunette_interrupt_install_handler(void); /* SIGINT -> lunette_interrupt_request */
void lunette_interrupt_request(void);
int lunette_interrupt_pending(void);
void lunette_interrupt_clear(void);
/* Waits until `fd` can be read (1) or SIGINT arrives (0); -1 on error. Checking
 * lunette_interrupt_pending() and then blocking in read() could miss a Ctrl-C that came in between;
 * this wait cannot (the handler also wakes it through a pipe). */
int lunette_interrupt_wait_readable(int fd);

#endif
