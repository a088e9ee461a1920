/* The scalar forms of exp, sigmoid and tanh that the vector kernels are built from: written so that a
 * loop calling them vectorizes (selects instead of branches, bit casts for 2^n). See vector_math.c. */
#ifndef LUNETTE_VECTOR_MATH_INLINE_H
#define LUNETTE_VECTOR_MATH_INLINE_H

#include <stdint.h>

static inline float exp_one(float x) {
    float clamped = x < -104.0f ? -104.0f : (x > 89.0f ? 89.0f : x);
    const float shifter = 12582912.0f; /* 1.5 * 2^23: adding it rounds to an integer in the low bits */
    float t = clamped * 1.44269504088896341f + shifter;
    float n = t - shifter;
    float r = clamped - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    float y = p * r * r + r + 1.0f;
    int32_t exponent = __builtin_bit_cast(int32_t, t) - __builtin_bit_cast(int32_t, shifter);
    int32_t half = exponent >> 1, rest = exponent - half;
    float scale1 = __builtin_bit_cast(float, (half + 127) << 23);
    float scale2 = __builtin_bit_cast(float, (rest + 127) << 23);
    float result = y * scale1 * scale2;
    return x != x ? x : result;
}

static inline float sigmoid_one(float x) {
    float e = exp_one(-__builtin_fabsf(x));
    return x < 0 ? e / (1.0f + e) : 1.0f / (1.0f + e);
}

static inline float tanh_one(float x) {
    float magnitude = __builtin_fabsf(x), z = x * x;
    float p = -5.70498872745e-3f;
    p = p * z + 2.06390887954e-2f;
    p = p * z + -5.37397155531e-2f;
    p = p * z + 1.33314422036e-1f;
    p = p * z + -3.33332819422e-1f;
    float small = x + x * z * p;
    float e = exp_one((magnitude > 20.0f ? 20.0f : magnitude) * 2.0f);
    float large = 1.0f - 2.0f / (e + 1.0f);
    large = x < 0 ? -large : large;
    float result = magnitude < 0.625f ? small : large;
    return x != x ? x : result;
}

#endif
