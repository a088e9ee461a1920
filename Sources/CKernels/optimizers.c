/* One pass of an optimizer's update over a parameter, compiled for x86-64, AVX2 + FMA and AVX-512 and
 * chosen at run time like the vector math. */
#include "lunette_kernels.h"
#include "dispatch.h"


/* Keras 3's Adam: m += (g - m)(1 - b1); v += (g^2 - v)(1 - b2); p -= alpha m / (sqrt(v) + eps). */
#define ADAM_BODY                                                        \
    for (int64_t i = 0; i < n; i++) {                                    \
        float gi = g[i];                                                 \
        float mi = m[i] + (gi - m[i]) * one_minus_beta1;                 \
        float vi = v[i] + (gi * gi - v[i]) * one_minus_beta2;            \
        m[i] = mi;                                                       \
        v[i] = vi;                                                       \
        p[i] -= alpha * mi / (__builtin_sqrtf(vi) + epsilon);            \
    }

#define ADAM_ARGUMENTS                                                                                      \
    float *restrict p, const float *restrict g, float *restrict m, float *restrict v, int64_t n, float alpha, \
        float one_minus_beta1, float one_minus_beta2, float epsilon

static void adam_generic(ADAM_ARGUMENTS) { ADAM_BODY }
AVX2_TARGET static void adam_avx2(ADAM_ARGUMENTS) { ADAM_BODY }
AVX512_TARGET static void adam_avx512(ADAM_ARGUMENTS) { ADAM_BODY }

void lunette_adam(float *p, const float *g, float *m, float *v, int64_t n, float alpha, float one_minus_beta1,
                  float one_minus_beta2, float epsilon) {
    static void (*const variants[])(ADAM_ARGUMENTS) = {adam_generic, adam_avx2, adam_avx512};
    variants[lunette_instruction_level()](p, g, m, v, n, alpha, one_minus_beta1, one_minus_beta2, epsilon);
}

/* Plain SGD: p -= lr g. */
#define SGD_BODY for (int64_t i = 0; i < n; i++) p[i] -= learning_rate * g[i];
#define SGD_ARGUMENTS float *restrict p, const float *restrict g, int64_t n, float learning_rate

static void sgd_generic(SGD_ARGUMENTS) { SGD_BODY }
AVX2_TARGET static void sgd_avx2(SGD_ARGUMENTS) { SGD_BODY }
AVX512_TARGET static void sgd_avx512(SGD_ARGUMENTS) { SGD_BODY }

void lunette_sgd(float *p, const float *g, int64_t n, float learning_rate) {
    static void (*const variants[])(SGD_ARGUMENTS) = {sgd_generic, sgd_avx2, sgd_avx512};
    variants[lunette_instruction_level()](p, g, n, learning_rate);
}
