#define _POSIX_C_SOURCE 200809L
#include "lunette_lua.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- State ------------------------------------------------------------------------------------ */

/* Returning NULL would make Lua raise a memory error from inside whatever API call allocated, which
 * may be a push made by Swift. Aborting keeps every push free of longjmp. */
static void *aborting_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    (void)ud; (void)osize;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    void *grown = realloc(ptr, nsize);
    if (grown == NULL) {
        fputs("lunette: out of memory\n", stderr);
        abort();
    }
    return grown;
}

/* Lua's warning protocol: "@on" / "@off" switch warnings; other messages print when on. */
static int warnings_on = 0;
static int warning_continues = 0;

static void warn(void *ud, const char *message, int tocont) {
    (void)ud;
    if (!warning_continues && !tocont && message[0] == '@') {
        if (strcmp(message, "@on") == 0) warnings_on = 1;
        else if (strcmp(message, "@off") == 0) warnings_on = 0;
        return;
    }
    if (warnings_on) {
        if (!warning_continues) fputs("Lua warning: ", stderr);
        fputs(message, stderr);
        if (!tocont) fputc('\n', stderr);
    }
    warning_continues = tocont;
}

lua_State *lunette_newstate(void) {
    lua_State *L = lua_newstate(aborting_alloc, NULL);
    if (L == NULL) return NULL;
    lua_setwarnf(L, warn, NULL);
    luaL_openlibs(L);
    return L;
}

/* ---- Swift functions -------------------------------------------------------------------------- */

static lunette_dispatch_fn dispatch = NULL;

void lunette_set_dispatch(lunette_dispatch_fn fn) { dispatch = fn; }

typedef struct {
    void *body;
    lunette_release_fn release;
} function_box;

static const char function_box_key = 0;

static int function_box_gc(lua_State *L) {
    function_box *box = lua_touserdata(L, 1);
    if (box != NULL && box->body != NULL) {
        box->release(box->body);
        box->body = NULL;
    }
    return 0;
}

static int index_with_fallback(lua_State *L);

/* Pushes the position of the Lua code that made the call ("file.lua:12: "): the caller's, or for a
 * class's __index fallback (t[5]) the caller of the C relay that called it, which is the script. */
static void push_caller_position(lua_State *L) {
    int level = 1;
    lua_Debug caller;
    if (lua_getstack(L, 1, &caller) && lua_getinfo(L, "f", &caller)) {
        if (lua_tocfunction(L, -1) == index_with_fallback) level = 2;
        lua_pop(L, 1);
    }
    luaL_where(L, level);
}

static int trampoline(lua_State *L) {
    function_box *box = lua_touserdata(L, lua_upvalueindex(1));
    int results = dispatch(L, box->body);
    if (results >= 0) return results;
    /* The Swift frame has returned: raising is safe now. */
    if (results == LUNETTE_RAISE && lua_type(L, -1) == LUA_TSTRING) {
        push_caller_position(L);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

void lunette_push_function(lua_State *L, void *body, lunette_release_fn release) {
    function_box *box = lua_newuserdatauv(L, sizeof(function_box), 0);
    box->body = body;
    box->release = release;
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &function_box_key) == LUA_TNIL) {
        lua_pop(L, 1);
        lua_createtable(L, 0, 1);
        lua_pushcfunction(L, function_box_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &function_box_key);
    }
    lua_setmetatable(L, -2);
    lua_pushcclosure(L, trampoline, 1);
}

void *lunette_function_body(lua_State *L, int idx) {
    if (lua_tocfunction(L, idx) != trampoline || lua_getupvalue(L, idx, 1) == NULL) return NULL;
    function_box *box = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return box != NULL ? box->body : NULL;
}

/* ---- Swift objects as userdata ---------------------------------------------------------------- */

/* The block of an object's userdata. The class key inside tells our userdata from any other that
 * was given our metatable (debug.setmetatable(io.stdout, ...)): the metatable alone proves nothing. */
struct object_slot {
    const void *class_key;
    void *object;
};

static struct object_slot *object_slot(lua_State *L, int idx, const void *class_key) {
    if (lua_type(L, idx) != LUA_TUSERDATA || lua_rawlen(L, idx) != sizeof(struct object_slot)) return NULL;
    struct object_slot *slot = lua_touserdata(L, idx);
    return slot->class_key == class_key ? slot : NULL;
}

void lunette_new_object(lua_State *L, void *object, const void *class_key) {
    struct object_slot *slot = lua_newuserdatauv(L, sizeof(struct object_slot), 0);
    slot->class_key = class_key;
    slot->object = object;
    lua_rawgetp(L, LUA_REGISTRYINDEX, class_key);
    lua_setmetatable(L, -2);
}

void *lunette_to_object(lua_State *L, int idx, const void *class_key) {
    struct object_slot *slot = object_slot(L, idx, class_key);
    return slot != NULL ? slot->object : NULL;
}

void *lunette_take_object(lua_State *L, int idx, const void *class_key) {
    struct object_slot *slot = object_slot(L, idx, class_key);
    if (slot == NULL) return NULL;
    void *object = slot->object;
    slot->object = NULL;
    return object;
}

static int index_with_fallback(lua_State *L) {
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 1;
    lua_pop(L, 1);
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
    lua_call(L, 2, 1); /* a C frame: errors from the fallback pass through here safely */
    return 1;
}

void lunette_push_index(lua_State *L) {
    lua_pushcclosure(L, index_with_fallback, 2);
}

/* ---- Protected operations --------------------------------------------------------------------- */

static int gettable_body(lua_State *L) {
    lua_gettable(L, 1);
    return 1;
}

static int settable_body(lua_State *L) {
    lua_settable(L, 1);
    return 0;
}

static int tostring_body(lua_State *L) {
    luaL_tolstring(L, 1, NULL);
    return 1;
}

int lunette_pgettable(lua_State *L, int obj) {
    obj = lua_absindex(L, obj);
    lua_pushcfunction(L, gettable_body);
    lua_pushvalue(L, obj);
    lua_pushvalue(L, -3);
    int status = lua_pcall(L, 2, 1, 0);
    lua_remove(L, -2); /* the key */
    return status;
}

int lunette_psettable(lua_State *L, int obj) {
    obj = lua_absindex(L, obj);
    lua_pushcfunction(L, settable_body);
    lua_pushvalue(L, obj);
    lua_pushvalue(L, -4); /* key */
    lua_pushvalue(L, -4); /* value */
    int status = lua_pcall(L, 3, 0, 0);
    if (status == LUA_OK) {
        lua_pop(L, 2);
    } else {
        lua_rotate(L, -3, 1); /* error value below key and value */
        lua_pop(L, 2);
    }
    return status;
}

int lunette_ptostring(lua_State *L, int idx) {
    idx = lua_absindex(L, idx);
    lua_pushcfunction(L, tostring_body);
    lua_pushvalue(L, idx);
    return lua_pcall(L, 1, 1, 0);
}

/* Like lua.c's handler: a message with a traceback, also for error objects that are not strings. */
static int traceback_handler(lua_State *L) {
    const char *message = lua_tostring(L, 1);
    if (message == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
        message = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, message, 1);
    return 1;
}

int lunette_pcall_traceback(lua_State *L, int nargs, int nresults) {
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, traceback_handler);
    lua_insert(L, base);
    int status = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    return status;
}

/* ---- Interruption ----------------------------------------------------------------------------- */

static lua_State *volatile interrupt_state = NULL;
/* The innermost coroutine being resumed (NULL while the main state runs): hooks are per thread, so
 * Ctrl-C must also hook the coroutine that is running, or a loop inside it would never stop. */
static lua_State *volatile running_coroutine = NULL;
static volatile sig_atomic_t interrupt_flag = 0;
/* A self-pipe: the handler writes a byte to it, so a wait on input that began just after the flag
 * was checked still wakes up. Both ends are non-blocking. */
static int wake_pipe[2] = {-1, -1};

static void interrupt_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    /* Another thread's hook may have raised it already (a coroutine, and then its resumer). */
    if (!interrupt_flag) return;
    interrupt_flag = 0;
    luaL_where(L, 0); /* level 0 inside a hook is the Lua function that was running */
    lua_pushliteral(L, "interrupted");
    lua_concat(L, 2);
    lua_error(L);
}

static const int interrupt_mask = LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT;

/* Runs the function in upvalue 1 with this call's arguments while `co` counts as the running
 * coroutine (hooked at once if Ctrl-C is already pending); errors pass on unchanged. */
static int run_watching(lua_State *L, lua_State *co) {
    lua_State *previous = running_coroutine;
    if (co != NULL) {
        running_coroutine = co;
        if (interrupt_flag) lua_sethook(co, interrupt_hook, interrupt_mask, 1);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    running_coroutine = previous;
    if (status != LUA_OK) return lua_error(L);
    return lua_gettop(L);
}

/* coroutine.resume: upvalue 1 is Lua's own. */
static int watched_resume(lua_State *L) { return run_watching(L, lua_tothread(L, 1)); }

/* The function coroutine.wrap returns: upvalue 1 is the one Lua's wrap made, upvalue 2 its coroutine. */
static int watched_wrapped_call(lua_State *L) { return run_watching(L, lua_tothread(L, lua_upvalueindex(2))); }

/* coroutine.wrap: upvalue 1 is Lua's own; its result keeps the coroutine as its first upvalue. */
static int watched_wrap(lua_State *L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    if (lua_getupvalue(L, -1, 1) == NULL || !lua_isthread(L, -1)) {
        lua_settop(L, 1); /* not the Lua this was written for: Lua's own wrapper, unwatched */
        return 1;
    }
    lua_pushcclosure(L, watched_wrapped_call, 2);
    return 1;
}

static int watch_coroutines(lua_State *L) {
    if (lua_getglobal(L, "coroutine") != LUA_TTABLE) return 0;
    lua_getfield(L, -1, "resume");
    lua_pushcclosure(L, watched_resume, 1);
    lua_setfield(L, -2, "resume");
    lua_getfield(L, -1, "wrap");
    lua_pushcclosure(L, watched_wrap, 1);
    lua_setfield(L, -2, "wrap");
    return 0;
}

void lunette_interrupt_attach(lua_State *L) {
    interrupt_state = L;
    lua_pushcfunction(L, watch_coroutines);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) lua_pop(L, 1);
}

void lunette_interrupt_request(void) {
    interrupt_flag = 1;
    /* lua_sethook is safe in a signal handler (lua.c relies on the same). */
    lua_State *L = interrupt_state;
    if (L != NULL) lua_sethook(L, interrupt_hook, interrupt_mask, 1);
    lua_State *co = running_coroutine;
    if (co != NULL) lua_sethook(co, interrupt_hook, interrupt_mask, 1);
}

static void on_sigint(int signal_number) {
    (void)signal_number;
    lunette_interrupt_request();
    if (wake_pipe[1] >= 0) {
        int saved = errno;
        ssize_t ignored = write(wake_pipe[1], "", 1); /* a full pipe already wakes the waiter */
        (void)ignored;
        errno = saved;
    }
}

static void create_wake_pipe(void) {
    int ends[2];
    if (wake_pipe[0] >= 0 || pipe(ends) != 0) return;
    for (int i = 0; i < 2; i++) {
        fcntl(ends[i], F_SETFL, fcntl(ends[i], F_GETFL) | O_NONBLOCK);
        fcntl(ends[i], F_SETFD, FD_CLOEXEC);
    }
    wake_pipe[0] = ends[0];
    wake_pipe[1] = ends[1];
}

void lunette_interrupt_install_handler(void) {
    create_wake_pipe();
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    /* A parent may have started us with SIGINT blocked; Ctrl-C must still reach the hook. */
    sigset_t interrupt_only;
    sigemptyset(&interrupt_only);
    sigaddset(&interrupt_only, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &interrupt_only, NULL);
}

int lunette_interrupt_pending(void) { return interrupt_flag; }

void lunette_interrupt_clear(void) {
    interrupt_flag = 0;
    lua_State *L = interrupt_state;
    if (L != NULL && lua_gethook(L) == interrupt_hook) lua_sethook(L, NULL, 0, 0);
    lua_State *co = running_coroutine;
    if (co != NULL && lua_gethook(co) == interrupt_hook) lua_sethook(co, NULL, 0, 0);
}

int lunette_interrupt_wait_readable(int fd) {
    struct pollfd waits[2] = {{.fd = fd, .events = POLLIN}, {.fd = wake_pipe[0], .events = POLLIN}};
    for (;;) {
        if (interrupt_flag) return 0;
        int ready = poll(waits, wake_pipe[0] >= 0 ? 2 : 1, -1);
        if (ready < 0 && errno != EINTR) return -1;
        if (ready <= 0) continue;
        if (waits[1].revents) {
            char drained[64];
            while (read(wake_pipe[0], drained, sizeof drained) > 0) {}
        }
        if (waits[0].revents && !interrupt_flag) return 1;
    }
}

/* A shape prints as Python and the library's messages write it: (64, 28, 28, 1). Runs as a Lua
 * function, so the buffer calls may raise. */
static int shape_tostring(lua_State *L) {
    luaL_Buffer buffer;
    lua_Integer count = (lua_Integer)lua_rawlen(L, 1);
    luaL_buffinit(L, &buffer);
    luaL_addchar(&buffer, '(');
    for (lua_Integer i = 1; i <= count; i++) {
        if (i > 1) luaL_addstring(&buffer, ", ");
        lua_rawgeti(L, 1, i);
        luaL_tolstring(L, -1, NULL);
        lua_remove(L, -2);
        luaL_addvalue(&buffer);
    }
    luaL_addchar(&buffer, ')');
    luaL_pushresult(&buffer);
    return 1;
}

void lunette_mark_shape(lua_State *L) {
    if (lua_getfield(L, LUA_REGISTRYINDEX, "lunette.shape") != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_createtable(L, 0, 1);
        lua_pushcfunction(L, shape_tostring);
        lua_setfield(L, -2, "__tostring");
        lua_pushvalue(L, -1);
        lua_setfield(L, LUA_REGISTRYINDEX, "lunette.shape");
    }
    lua_setmetatable(L, -2);
}
