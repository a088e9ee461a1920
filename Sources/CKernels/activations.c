/* ReLU forward and backward and the channel sums of a bias gradient, compiled for x86-64, AVX2 + FMA and
 * AVX-512 and chosen at run time like the vector math. */
#include "lunette_kernels.h"
#include "dispatch.h"


/* max(y, 0) in place, keeping NaN (a NaN must reach the loss). */
#define RELU_BODY for (int64_t i = 0; i < n; i++) y[i] = y[i] <= 0 ? 0 : y[i];
#define RELU_ARGUMENTS float *y, int64_t n
static void relu_generic(RELU_ARGUMENTS) { RELU_BODY }
AVX2_TARGET static void relu_avx2(RELU_ARGUMENTS) { RELU_BODY }
AVX512_TARGET static void relu_avx512(RELU_ARGUMENTS) { RELU_BODY }

void lunette_relu(float *y, int64_t n) {
    static void (*const variants[])(RELU_ARGUMENTS) = {relu_generic, relu_avx2, relu_avx512};
    variants[lunette_instruction_level()](y, n);
}

/* dz = dy where the output is positive, else 0; then, with channels > 0, the sums of dz over its rows
 * (channels wide) are added to sums. dz may be dy. */
#define RELU_BACKWARD_BODY                                                          \
    for (int64_t i = 0; i < n; i++) dz[i] = y[i] > 0 ? dy[i] : 0;                   \
    if (channels > 0)                                                               \
        for (int64_t r = 0; r < n / channels; r++)                                  \
            for (int64_t c = 0; c < channels; c++) sums[c] += dz[r * channels + c];

#define RELU_BACKWARD_ARGUMENTS \
    const float *dy, const float *restrict y, float *dz, int64_t n, float *restrict sums, int64_t channels
static void relu_backward_generic(RELU_BACKWARD_ARGUMENTS) { RELU_BACKWARD_BODY }
AVX2_TARGET static void relu_backward_avx2(RELU_BACKWARD_ARGUMENTS) { RELU_BACKWARD_BODY }
AVX512_TARGET
static void relu_backward_avx512(RELU_BACKWARD_ARGUMENTS) { RELU_BACKWARD_BODY }

void lunette_relu_backward(const float *dy, const float *y, float *dz, int64_t n, float *sums, int64_t channels) {
    static void (*const variants[])(RELU_BACKWARD_ARGUMENTS) = {relu_backward_generic, relu_backward_avx2,
                                                                relu_backward_avx512};
    variants[lunette_instruction_level()](dy, y, dz, n, sums, channels);
}

/* The maximum over one pooling window of an NHWC image (rows y0..<y1, columns x0..<x1, `channels` values
 * per pixel) into best, and with argmax the index in the image of each channel's maximum. A NaN wins, as
 * it must reach the loss. */
#define MAX_WINDOW_BODY                                                                  \
    for (int64_t c = 0; c < channels; c++) best[c] = -__builtin_inff();                  \
    if (argmax)                                                                          \
        for (int64_t c = 0; c < channels; c++) argmax[c] = (int32_t)((y0 * width + x0) * channels + c); \
    for (int64_t iy = y0; iy < y1; iy++)                                                 \
        for (int64_t ix = x0; ix < x1; ix++) {                                           \
            int64_t pixel = (iy * width + ix) * channels;                                \
            const float *source = image + pixel;                                         \
            if (argmax) {                                                                \
                for (int64_t c = 0; c < channels; c++) {                                 \
                    float v = source[c], b = best[c];                                    \
                    int take = v > b || (v != v && b == b);                              \
                    best[c] = take ? v : b;                                              \
                    argmax[c] = take ? (int32_t)(pixel + c) : argmax[c];                 \
                }                                                                        \
            } else {                                                                     \
                for (int64_t c = 0; c < channels; c++) {                                 \
                    float v = source[c], b = best[c];                                    \
                    best[c] = v > b || v != v ? v : b;                                   \
                }                                                                        \
            }                                                                            \
        }

#define MAX_WINDOW_ARGUMENTS                                                                                \
    const float *restrict image, int64_t width, int64_t channels, int64_t y0, int64_t y1, int64_t x0, int64_t x1, \
        float *restrict best, int32_t *restrict argmax
static void max_window_generic(MAX_WINDOW_ARGUMENTS) { MAX_WINDOW_BODY }
AVX2_TARGET static void max_window_avx2(MAX_WINDOW_ARGUMENTS) { MAX_WINDOW_BODY }
AVX512_TARGET
static void max_window_avx512(MAX_WINDOW_ARGUMENTS) { MAX_WINDOW_BODY }

void lunette_max_window(const float *image, int64_t width, int64_t channels, int64_t y0, int64_t y1, int64_t x0,
                        int64_t x1, float *best, int32_t *argmax) {
    static void (*const variants[])(MAX_WINDOW_ARGUMENTS) = {max_window_generic, max_window_avx2, max_window_avx512};
    variants[lunette_instruction_level()](image, width, channels, y0, y1, x0, x1, best, argmax);
}
