/* The element-wise parts of an LSTM cell's forward and backward steps with Keras' default activations
 * (tanh, sigmoid gates), compiled for x86-64, AVX2 + FMA and AVX-512 and chosen at run time like the vector
 * math. */
#include "lunette_kernels.h"
#include "dispatch.h"
#include "vector_math_inline.h"


/* Gates in Keras' order i, f, c~, o (4u values, after their activations); a = tanh(c). */
#define LSTM_BACKWARD_BODY                                                      \
    for (int64_t j = 0; j < u; j++) {                                           \
        float i = gates[j], f = gates[u + j], candidate = gates[2 * u + j], o = gates[3 * u + j]; \
        float a = cell_activation[j];                                           \
        float dh = hidden_gradient[j] + recurrent_gradient[j];                  \
        float dc = cell_gradient[j] + dh * o * (1 - a * a);                     \
        gate_gradients[j] = dc * candidate * i * (1 - i);                       \
        gate_gradients[u + j] = dc * previous_cell[j] * f * (1 - f);            \
        gate_gradients[2 * u + j] = dc * i * (1 - candidate * candidate);       \
        gate_gradients[3 * u + j] = dh * a * o * (1 - o);                       \
        cell_gradient[j] = dc * f;                                              \
    }

#define LSTM_BACKWARD_ARGUMENTS                                                                              \
    const float *restrict gates, const float *restrict cell_activation, const float *restrict previous_cell, \
        const float *restrict hidden_gradient, const float *restrict recurrent_gradient,                    \
        float *restrict cell_gradient, float *restrict gate_gradients, int64_t u

static void lstm_backward_generic(LSTM_BACKWARD_ARGUMENTS) { LSTM_BACKWARD_BODY }
AVX2_TARGET static void lstm_backward_avx2(LSTM_BACKWARD_ARGUMENTS) { LSTM_BACKWARD_BODY }
AVX512_TARGET
static void lstm_backward_avx512(LSTM_BACKWARD_ARGUMENTS) { LSTM_BACKWARD_BODY }

void lunette_lstm_backward_step(const float *gates, const float *cell_activation, const float *previous_cell,
                                const float *hidden_gradient, const float *recurrent_gradient, float *cell_gradient,
                                float *gate_gradients, int64_t u) {
    static void (*const variants[])(LSTM_BACKWARD_ARGUMENTS) = {lstm_backward_generic, lstm_backward_avx2,
                                                                lstm_backward_avx512};
    variants[lunette_instruction_level()](gates, cell_activation, previous_cell, hidden_gradient, recurrent_gradient,
                                          cell_gradient, gate_gradients, u);
}

/* Gates in Keras' order i, f, c~, o (4u pre-activations, replaced by their activations); c = f c' + i c~,
 * a = tanh(c), h = o a. */
#define LSTM_FORWARD_BODY                                                       \
    for (int64_t j = 0; j < u; j++) {                                           \
        float i = sigmoid_one(gates[j]), f = sigmoid_one(gates[u + j]);          \
        float candidate = tanh_one(gates[2 * u + j]), o = sigmoid_one(gates[3 * u + j]); \
        gates[j] = i, gates[u + j] = f, gates[2 * u + j] = candidate, gates[3 * u + j] = o; \
        float c = f * previous_cell[j] + i * candidate;                         \
        float a = tanh_one(c);                                                  \
        cell[j] = c, cell_activation[j] = a, hidden[j] = o * a;                 \
    }

#define LSTM_FORWARD_ARGUMENTS                                                                               \
    float *restrict gates, const float *restrict previous_cell, float *restrict cell,                        \
        float *restrict cell_activation, float *restrict hidden, int64_t u

static void lstm_forward_generic(LSTM_FORWARD_ARGUMENTS) { LSTM_FORWARD_BODY }
AVX2_TARGET static void lstm_forward_avx2(LSTM_FORWARD_ARGUMENTS) { LSTM_FORWARD_BODY }
AVX512_TARGET
static void lstm_forward_avx512(LSTM_FORWARD_ARGUMENTS) { LSTM_FORWARD_BODY }

void lunette_lstm_forward_step(float *gates, const float *previous_cell, float *cell, float *cell_activation,
                               float *hidden, int64_t u) {
    static void (*const variants[])(LSTM_FORWARD_ARGUMENTS) = {lstm_forward_generic, lstm_forward_avx2,
                                                               lstm_forward_avx512};
    variants[lunette_instruction_level()](gates, previous_cell, cell, cell_activation, hidden, u);
}
