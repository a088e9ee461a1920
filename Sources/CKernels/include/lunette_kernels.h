/* Lunette's C kernels: vector math compiled for several instruction sets and chosen at run time; matrix
 * products and convolutions on oneDNN's just-in-time CPU kernels, which pick AVX2 or AVX-512 code at run
 * time. Every call runs on the calling thread only: Lunette splits work between its own workers, so oneDNN
 * never starts threads of its own. Functions that can fail return 0 on success. */
#ifndef LUNETTE_KERNELS_H
#define LUNETTE_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/* y[i] = e^x[i], 1 / (1 + e^-x[i]) and tanh(x[i]) for n floats (y may be x), each within a few ulps, on the
 * widest vector instructions the processor has. */
void lunette_exp(const float *x, float *y, int64_t n);
void lunette_sigmoid(const float *x, float *y, int64_t n);
void lunette_tanh(const float *x, float *y, int64_t n);
/* y = softmax(x) over n floats, or log softmax when logarithm is nonzero (y does not overlap x); a NaN
 * makes the whole row NaN. */
void lunette_softmax(const float *x, float *y, int64_t n, int logarithm);

/* ReLU in place over n floats (NaN kept); its backward dz = dy where y > 0, else 0 (dz may be dy), and with
 * channels > 0 the sums of dz over its rows of `channels` values added to sums (a bias gradient). */
void lunette_relu(float *y, int64_t n);
void lunette_relu_backward(const float *dy, const float *y, float *dz, int64_t n, float *sums, int64_t channels);

/* The maximum of each channel over one pooling window (rows y0..<y1, columns x0..<x1) of an NHWC image of
 * `width` columns, into best; with argmax (may be NULL) the position in the image of each maximum. A NaN
 * wins. */
void lunette_max_window(const float *image, int64_t width, int64_t channels, int64_t y0, int64_t y1, int64_t x0,
                        int64_t x1, float *best, int32_t *argmax);

/* log sum exp(x[i]) over n floats, shifted by their maximum; scratch holds n floats. */
float lunette_log_sum_exp(const float *x, int64_t n, float *scratch);

/* Optimizer updates of n parameters p with gradients g (the buffers do not overlap): Keras' Adam with its
 * moments m and v (alpha already holds the bias corrections), and plain SGD. */
void lunette_adam(float *p, const float *g, float *m, float *v, int64_t n, float alpha, float one_minus_beta1,
                  float one_minus_beta2, float epsilon);
void lunette_sgd(float *p, const float *g, int64_t n, float learning_rate);

/* One LSTM cell's forward step over u units with tanh and sigmoid gates: the 4u gate pre-activations
 * (i, f, c~, o) are replaced by their activations, and the cell, tanh of the cell and the hidden state are
 * written. No buffer overlaps another. */
void lunette_lstm_forward_step(float *gates, const float *previous_cell, float *cell, float *cell_activation,
                               float *hidden, int64_t u);

/* One LSTM cell's backward step over u units with tanh and sigmoid gates: from the gates (i, f, c~, o after
 * their activations), tanh of the cell, the previous cell and the hidden state's two gradients (from the
 * output and from the next step), the four gate gradients; cell_gradient goes from the next step's to
 * this step's. No buffer overlaps another. */
void lunette_lstm_backward_step(const float *gates, const float *cell_activation, const float *previous_cell,
                                const float *hidden_gradient, const float *recurrent_gradient, float *cell_gradient,
                                float *gate_gradients, int64_t u);

/* Which of those instruction sets the vector kernels use: "x86-64", "AVX2" or "AVX-512". */
const char *lunette_vector_isa(void);

/* Row-major c = alpha * op(a) * op(b) + beta * c (op transposes when trans_a / trans_b is nonzero). */
int lunette_sgemm(int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float *a, int64_t lda,
                  const float *b, int64_t ldb, float beta, float *c, int64_t ldc);

/* One 2-D convolution of NHWC inputs with a (kernel_h, kernel_w, in_c, out_c) kernel, as Keras lays them out.
 * Padding may be negative at the bottom/right ('valid' windows that leave input rows unread). */
typedef struct {
    int64_t batch, in_h, in_w, in_c, out_h, out_w, out_c, kernel_h, kernel_w;
    int64_t stride_y, stride_x, dilation_y, dilation_x, pad_top, pad_left, pad_bottom, pad_right;
} lunette_conv_geometry;

typedef struct lunette_conv lunette_conv;

/* NULL when oneDNN has no kernel for this geometry (the caller then uses its own). */
lunette_conv *lunette_conv_create(const lunette_conv_geometry *geometry);
void lunette_conv_destroy(lunette_conv *conv);

/* Builds the backward kernels (once, before the first backward; not thread-safe). */
int lunette_conv_prepare_backward(lunette_conv *conv);

/* Bytes of the kernel in the forward, backward-data and weight-gradient layouts oneDNN chose, and of the
 * largest scratch buffer any of the three needs. */
size_t lunette_conv_forward_weights_size(const lunette_conv *conv);
size_t lunette_conv_backward_weights_size(const lunette_conv *conv);
size_t lunette_conv_weight_gradient_size(const lunette_conv *conv);
size_t lunette_conv_scratchpad_size(const lunette_conv *conv);

/* Copies a Keras-layout kernel into the forward layout, or (after prepare_backward) the backward-data one. */
int lunette_conv_forward_weights(const lunette_conv *conv, const float *kernel, float *forward_weights);
int lunette_conv_backward_weights(const lunette_conv *conv, const float *kernel, float *backward_weights);

/* dst = src * kernel + bias (bias may be NULL: no bias). */
int lunette_conv_forward(const lunette_conv *conv, const float *src, const float *forward_weights, const float *bias,
                         float *dst, void *scratchpad);
/* diff_src = the gradient of the input from diff_dst. */
int lunette_conv_backward_data(const lunette_conv *conv, const float *diff_dst, const float *backward_weights,
                               float *diff_src, void *scratchpad);
/* weight_gradient (in the weight-gradient layout) = the kernel's gradient from src and diff_dst. */
int lunette_conv_weight_gradient(const lunette_conv *conv, const float *src, const float *diff_dst,
                                 float *weight_gradient, void *scratchpad);
/* Copies a gradient in the weight-gradient layout into the Keras layout. */
int lunette_conv_weight_gradient_to_kernel(const lunette_conv *conv, const float *weight_gradient, float *kernel);

#endif
