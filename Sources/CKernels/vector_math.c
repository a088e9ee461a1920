/* exp, sigmoid and tanh over arrays, compiled three times (baseline x86-64, AVX2 + FMA, AVX-512) and
 * chosen once, on the first call, by what the processor supports. The loops are written so that the
 * compiler vectorizes them at each target's width: selects instead of branches, bit casts for 2^n.
 *
 * exp: x = n ln 2 + r with |r| <= ln 2 / 2 (ln 2 in two parts), e^r by Cephes' degree-7 polynomial,
 * then 2^n applied in two halves so that neither overflows early nor underflows before the denormals.
 * About 1 ulp; NaN stays NaN, large inputs give +inf and very negative ones 0.
 * tanh: Cephes' odd polynomial below 0.625, 1 - 2 / (e^2|x| + 1) with the sign restored above. */
#include "lunette_kernels.h"
#include "dispatch.h"
#include "vector_math_inline.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* In place, a loop over one pointer: with two equal pointers the compiler's overlap check would send every
 * element down the scalar path. */
#define LOOP(one)                                                     \
    if (x == y) {                                                     \
        for (int64_t i = 0; i < n; i++) y[i] = one(y[i]);             \
    } else {                                                          \
        for (int64_t i = 0; i < n; i++) y[i] = one(x[i]);             \
    }

#define VARIANTS(name, one)                                                                            \
    static void name##_generic(const float *x, float *y, int64_t n) { LOOP(one) }                      \
    AVX2_TARGET static void name##_avx2(const float *x, float *y, int64_t n) { \
        LOOP(one)                                                                                      \
    }                                                                                                  \
    AVX512_TARGET                                  \
    static void name##_avx512(const float *x, float *y, int64_t n) { LOOP(one) }

VARIANTS(exp, exp_one)
VARIANTS(sigmoid, sigmoid_one)
VARIANTS(tanh, tanh_one)

typedef void (*array_function)(const float *, float *, int64_t);

/* 2: AVX-512, 1: AVX2 + FMA, 0: baseline; decided on the first call. LUNETTE_MAX_ISA ("x86-64", "avx2")
 * caps it, so that the tests can run the narrower variants on a machine that has the wider ones. */
int lunette_instruction_level(void) {
    static int level = -1;
    if (level < 0) {
        __builtin_cpu_init();
        int supported = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
                                __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw")
                            ? 2
                            : (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? 1 : 0);
        const char *cap = getenv("LUNETTE_MAX_ISA");
        if (cap && strcmp(cap, "x86-64") == 0) supported = 0;
        if (cap && strcmp(cap, "avx2") == 0 && supported > 1) supported = 1;
        level = supported;
    }
    return level;
}

const char *lunette_vector_isa(void) {
    static const char *names[] = {"x86-64", "AVX2", "AVX-512"};
    return names[lunette_instruction_level()];
}

/* The maximum (NaN skipped: it still makes the exponentials NaN) and the sum of a row, each over 16
 * running lanes so that they vectorize without reordering one accumulator's adds. */
static inline __attribute__((always_inline)) float row_max(const float *x, int64_t n) {
    float peaks[16];
    for (int j = 0; j < 16; j++) peaks[j] = -__builtin_inff();
    int64_t whole = n - n % 16;
    for (int64_t i = 0; i < whole; i += 16)
        for (int j = 0; j < 16; j++) peaks[j] = x[i + j] > peaks[j] ? x[i + j] : peaks[j];
    float peak = -__builtin_inff();
    for (int j = 0; j < 16; j++) peak = peaks[j] > peak ? peaks[j] : peak;
    for (int64_t i = whole; i < n; i++) peak = x[i] > peak ? x[i] : peak;
    /* All -inf (or an inf): shift by 0 rather than make inf - inf. */
    return peak > -__builtin_inff() && peak < __builtin_inff() ? peak : 0;
}

static inline __attribute__((always_inline)) float row_sum(const float *x, int64_t n) {
    float sums[16] = {0};
    int64_t whole = n - n % 16;
    for (int64_t i = 0; i < whole; i += 16)
        for (int j = 0; j < 16; j++) sums[j] += x[i + j];
    float total = 0;
    for (int j = 0; j < 16; j++) total += sums[j];
    for (int64_t i = whole; i < n; i++) total += x[i];
    return total;
}

/* log sum exp(x), shifted by the maximum; scratch holds n floats. */
#define LOG_SUM_EXP_BODY                                                \
    float peak = row_max(x, n);                                         \
    for (int64_t i = 0; i < n; i++) scratch[i] = exp_one(x[i] - peak);  \
    return peak + __builtin_logf(row_sum(scratch, n));

static float log_sum_exp_generic(const float *x, int64_t n, float *scratch) { LOG_SUM_EXP_BODY }
AVX2_TARGET static float log_sum_exp_avx2(const float *x, int64_t n, float *scratch) {
    LOG_SUM_EXP_BODY
}
AVX512_TARGET
static float log_sum_exp_avx512(const float *x, int64_t n, float *scratch) { LOG_SUM_EXP_BODY }

/* y = softmax(x), or log softmax, of one row (y may not overlap x). */
#define SOFTMAX_BODY                                                                    \
    float peak = row_max(x, n);                                                         \
    for (int64_t i = 0; i < n; i++) y[i] = exp_one(x[i] - peak);                        \
    float total = row_sum(y, n);                                                        \
    if (logarithm) {                                                                    \
        /* (x - max) - log sum: the large max never meets the small logarithm. */       \
        float log_total = __builtin_logf(total);                                        \
        for (int64_t i = 0; i < n; i++) y[i] = (x[i] - peak) - log_total;               \
    } else {                                                                            \
        float scale = 1 / total;                                                        \
        for (int64_t i = 0; i < n; i++) y[i] *= scale;                                  \
    }

#define SOFTMAX_ARGUMENTS const float *restrict x, float *restrict y, int64_t n, int logarithm
static void softmax_generic(SOFTMAX_ARGUMENTS) { SOFTMAX_BODY }
AVX2_TARGET static void softmax_avx2(SOFTMAX_ARGUMENTS) { SOFTMAX_BODY }
AVX512_TARGET static void softmax_avx512(SOFTMAX_ARGUMENTS) { SOFTMAX_BODY }

void lunette_softmax(const float *x, float *y, int64_t n, int logarithm) {
    static void (*const variants[])(SOFTMAX_ARGUMENTS) = {softmax_generic, softmax_avx2, softmax_avx512};
    variants[lunette_instruction_level()](x, y, n, logarithm);
}

float lunette_log_sum_exp(const float *x, int64_t n, float *scratch) {
    static float (*const variants[])(const float *, int64_t, float *) = {log_sum_exp_generic, log_sum_exp_avx2,
                                                                        log_sum_exp_avx512};
    return variants[lunette_instruction_level()](x, n, scratch);
}

#define DISPATCH(name)                                                                           \
    void lunette_##name(const float *x, float *y, int64_t n) {                                   \
        static const array_function variants[] = {name##_generic, name##_avx2, name##_avx512}; \
        variants[lunette_instruction_level()](x, y, n);                                                  \
    }

DISPATCH(exp)
DISPATCH(sigmoid)
DISPATCH(tanh)
