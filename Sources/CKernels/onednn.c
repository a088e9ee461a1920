/* Matrix products and convolutions on oneDNN, one thread per call (see lunette_kernels.h). */
#include "lunette_kernels.h"

#include <dnnl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* oneDNN's OpenMP runtime would otherwise start a team of threads for each call. */
void omp_set_num_threads(int threads);

static dnnl_engine_t engine;
static pthread_once_t engine_once = PTHREAD_ONCE_INIT;
static __thread dnnl_stream_t stream;

static void create_engine(void) {
    if (dnnl_engine_create(&engine, dnnl_cpu, 0) != dnnl_success) engine = NULL;
}

/* The engine and this thread's stream, created on first use; nonzero when oneDNN cannot start. */
static int enter(void) {
    omp_set_num_threads(1);
    pthread_once(&engine_once, create_engine);
    if (!engine) return 1;
    if (!stream && dnnl_stream_create(&stream, engine, dnnl_stream_default_flags) != dnnl_success) return 1;
    return 0;
}

int lunette_sgemm(int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float *a, int64_t lda,
                  const float *b, int64_t ldb, float beta, float *c, int64_t ldc) {
    omp_set_num_threads(1);
    return dnnl_sgemm(trans_a ? 'T' : 'N', trans_b ? 'T' : 'N', m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        != dnnl_success;
}

struct lunette_conv {
    lunette_conv_geometry g;
    dnnl_memory_desc_t src, dst, bias, kernel; /* plain layouts: NHWC, NHWC, x, HWIO */
    dnnl_memory_desc_t forward_weights, backward_weights, weight_gradient, scratchpad;
    dnnl_convolution_desc_t forward_desc, backward_data_desc, weight_gradient_desc;
    dnnl_primitive_desc_t forward_pd;
    dnnl_primitive_t forward, backward_data, weight_gradient_primitive;
    dnnl_primitive_t to_forward_weights, to_backward_weights, gradient_to_kernel;
    float *zero_bias;
};

static dnnl_primitive_attr_t user_scratchpad(void) {
    dnnl_primitive_attr_t attr = NULL;
    if (dnnl_primitive_attr_create(&attr) != dnnl_success) return NULL;
    dnnl_primitive_attr_set_scratchpad_mode(attr, dnnl_scratchpad_mode_user);
    return attr;
}

/* A primitive from a descriptor, with the user-managed scratchpad; its descriptor stays in *pd_out when
 * asked (for queries and as the backward kernels' hint). */
static dnnl_primitive_t make_primitive(const void *desc, const_dnnl_primitive_desc_t hint, dnnl_primitive_desc_t *pd_out) {
    dnnl_primitive_attr_t attr = user_scratchpad();
    dnnl_primitive_desc_t pd = NULL;
    dnnl_primitive_t primitive = NULL;
    int ok = attr && dnnl_primitive_desc_create(&pd, desc, attr, engine, hint) == dnnl_success
        && dnnl_primitive_create(&primitive, pd) == dnnl_success;
    if (attr) dnnl_primitive_attr_destroy(attr);
    if (!ok) {
        if (pd) dnnl_primitive_desc_destroy(pd);
        return NULL;
    }
    if (pd_out) *pd_out = pd; else dnnl_primitive_desc_destroy(pd);
    return primitive;
}

static dnnl_primitive_t make_reorder(const dnnl_memory_desc_t *from, const dnnl_memory_desc_t *to) {
    dnnl_primitive_desc_t pd = NULL;
    dnnl_primitive_t primitive = NULL;
    if (dnnl_reorder_primitive_desc_create(&pd, from, engine, to, engine, NULL) != dnnl_success) return NULL;
    if (dnnl_primitive_create(&primitive, pd) != dnnl_success) primitive = NULL;
    dnnl_primitive_desc_destroy(pd);
    return primitive;
}

static size_t larger(size_t a, const_dnnl_primitive_desc_t pd) {
    const dnnl_memory_desc_t *md = dnnl_primitive_desc_query_md(pd, dnnl_query_scratchpad_md, 0);
    size_t b = md ? dnnl_memory_desc_get_size(md) : 0;
    return a > b ? a : b;
}

lunette_conv *lunette_conv_create(const lunette_conv_geometry *g) {
    if (enter()) return NULL;
    lunette_conv *conv = calloc(1, sizeof *conv);
    if (!conv) return NULL;
    conv->g = *g;
    conv->zero_bias = calloc((size_t)g->out_c, sizeof(float));
    dnnl_dims_t src = {g->batch, g->in_c, g->in_h, g->in_w}, dst = {g->batch, g->out_c, g->out_h, g->out_w};
    dnnl_dims_t kernel = {g->out_c, g->in_c, g->kernel_h, g->kernel_w}, bias = {g->out_c};
    dnnl_dims_t strides = {g->stride_y, g->stride_x}, dilates = {g->dilation_y - 1, g->dilation_x - 1};
    dnnl_dims_t pad_l = {g->pad_top, g->pad_left}, pad_r = {g->pad_bottom, g->pad_right};
    dnnl_memory_desc_t any_weights;
    int ok = conv->zero_bias
        && dnnl_memory_desc_init_by_tag(&conv->src, 4, src, dnnl_f32, dnnl_nhwc) == dnnl_success
        && dnnl_memory_desc_init_by_tag(&conv->dst, 4, dst, dnnl_f32, dnnl_nhwc) == dnnl_success
        && dnnl_memory_desc_init_by_tag(&conv->kernel, 4, kernel, dnnl_f32, dnnl_hwio) == dnnl_success
        && dnnl_memory_desc_init_by_tag(&conv->bias, 1, bias, dnnl_f32, dnnl_x) == dnnl_success
        && dnnl_memory_desc_init_by_tag(&any_weights, 4, kernel, dnnl_f32, dnnl_format_tag_any) == dnnl_success
        && dnnl_dilated_convolution_forward_desc_init(&conv->forward_desc, dnnl_forward_training, dnnl_convolution_direct,
               &conv->src, &any_weights, &conv->bias, &conv->dst, strides, dilates, pad_l, pad_r) == dnnl_success
        && dnnl_dilated_convolution_backward_data_desc_init(&conv->backward_data_desc, dnnl_convolution_direct,
               &conv->src, &any_weights, &conv->dst, strides, dilates, pad_l, pad_r) == dnnl_success
        && dnnl_dilated_convolution_backward_weights_desc_init(&conv->weight_gradient_desc, dnnl_convolution_direct,
               &conv->src, &any_weights, NULL, &conv->dst, strides, dilates, pad_l, pad_r) == dnnl_success
        && (conv->forward = make_primitive(&conv->forward_desc, NULL, &conv->forward_pd)) != NULL;
    if (ok) {
        conv->forward_weights = *dnnl_primitive_desc_query_md(conv->forward_pd, dnnl_query_weights_md, 0);
        conv->scratchpad = *dnnl_primitive_desc_query_md(conv->forward_pd, dnnl_query_scratchpad_md, 0);
        ok = (conv->to_forward_weights = make_reorder(&conv->kernel, &conv->forward_weights)) != NULL;
    }
    if (!ok) {
        lunette_conv_destroy(conv);
        return NULL;
    }
    return conv;
}

int lunette_conv_prepare_backward(lunette_conv *conv) {
    if (conv->backward_data) return 0;
    if (enter()) return 1;
    dnnl_primitive_desc_t data_pd = NULL, gradient_pd = NULL;
    dnnl_primitive_t data = make_primitive(&conv->backward_data_desc, conv->forward_pd, &data_pd);
    dnnl_primitive_t gradient = make_primitive(&conv->weight_gradient_desc, conv->forward_pd, &gradient_pd);
    int ok = data && gradient;
    if (ok) {
        conv->backward_weights = *dnnl_primitive_desc_query_md(data_pd, dnnl_query_weights_md, 0);
        conv->weight_gradient = *dnnl_primitive_desc_query_md(gradient_pd, dnnl_query_diff_weights_md, 0);
        size_t scratch = larger(larger(dnnl_memory_desc_get_size(&conv->scratchpad), data_pd), gradient_pd);
        dnnl_dims_t bytes = {(dnnl_dim_t)((scratch + 3) / 4)};
        dnnl_memory_desc_init_by_tag(&conv->scratchpad, 1, bytes, dnnl_f32, dnnl_x);
        conv->to_backward_weights = make_reorder(&conv->kernel, &conv->backward_weights);
        conv->gradient_to_kernel = make_reorder(&conv->weight_gradient, &conv->kernel);
        ok = conv->to_backward_weights && conv->gradient_to_kernel;
    }
    if (data_pd) dnnl_primitive_desc_destroy(data_pd);
    if (gradient_pd) dnnl_primitive_desc_destroy(gradient_pd);
    if (!ok) {
        if (data) dnnl_primitive_destroy(data);
        if (gradient) dnnl_primitive_destroy(gradient);
        return 1;
    }
    conv->backward_data = data;
    conv->weight_gradient_primitive = gradient;
    return 0;
}

void lunette_conv_destroy(lunette_conv *conv) {
    if (!conv) return;
    dnnl_primitive_t primitives[] = {conv->forward, conv->backward_data, conv->weight_gradient_primitive,
                                     conv->to_forward_weights, conv->to_backward_weights, conv->gradient_to_kernel};
    for (size_t i = 0; i < sizeof primitives / sizeof *primitives; i++) if (primitives[i]) dnnl_primitive_destroy(primitives[i]);
    if (conv->forward_pd) dnnl_primitive_desc_destroy(conv->forward_pd);
    free(conv->zero_bias);
    free(conv);
}

size_t lunette_conv_forward_weights_size(const lunette_conv *conv) { return dnnl_memory_desc_get_size(&conv->forward_weights); }
size_t lunette_conv_backward_weights_size(const lunette_conv *conv) { return dnnl_memory_desc_get_size(&conv->backward_weights); }
size_t lunette_conv_weight_gradient_size(const lunette_conv *conv) { return dnnl_memory_desc_get_size(&conv->weight_gradient); }
size_t lunette_conv_scratchpad_size(const lunette_conv *conv) { return dnnl_memory_desc_get_size(&conv->scratchpad); }

/* Runs `primitive` on the given (argument, layout, buffer) triples, wrapping each buffer in a memory object. */
typedef struct { int arg; const dnnl_memory_desc_t *md; const void *data; } argument;

static int run(dnnl_primitive_t primitive, argument *arguments, int count) {
    if (enter()) return 1;
    dnnl_exec_arg_t exec[8];
    int made = 0, status = 0;
    for (; made < count; made++) {
        exec[made].arg = arguments[made].arg;
        if (dnnl_memory_create(&exec[made].memory, arguments[made].md, engine, (void *)arguments[made].data) != dnnl_success) {
            status = 1;
            break;
        }
    }
    if (!status) status = dnnl_primitive_execute(primitive, stream, count, exec) != dnnl_success
        || dnnl_stream_wait(stream) != dnnl_success;
    for (int i = 0; i < made; i++) dnnl_memory_destroy(exec[i].memory);
    return status;
}

static int reorder(dnnl_primitive_t primitive, const dnnl_memory_desc_t *from, const void *source,
                   const dnnl_memory_desc_t *to, void *destination) {
    argument arguments[] = {{DNNL_ARG_FROM, from, source}, {DNNL_ARG_TO, to, destination}};
    return run(primitive, arguments, 2);
}

int lunette_conv_forward_weights(const lunette_conv *conv, const float *kernel, float *forward_weights) {
    return reorder(conv->to_forward_weights, &conv->kernel, kernel, &conv->forward_weights, forward_weights);
}

int lunette_conv_backward_weights(const lunette_conv *conv, const float *kernel, float *backward_weights) {
    if (!conv->to_backward_weights) return 1;
    return reorder(conv->to_backward_weights, &conv->kernel, kernel, &conv->backward_weights, backward_weights);
}

int lunette_conv_weight_gradient_to_kernel(const lunette_conv *conv, const float *weight_gradient, float *kernel) {
    if (!conv->gradient_to_kernel) return 1;
    return reorder(conv->gradient_to_kernel, &conv->weight_gradient, weight_gradient, &conv->kernel, kernel);
}

int lunette_conv_forward(const lunette_conv *conv, const float *src, const float *forward_weights, const float *bias,
                         float *dst, void *scratchpad) {
    argument arguments[] = {
        {DNNL_ARG_SRC, &conv->src, src}, {DNNL_ARG_WEIGHTS, &conv->forward_weights, forward_weights},
        {DNNL_ARG_BIAS, &conv->bias, bias ? bias : conv->zero_bias}, {DNNL_ARG_DST, &conv->dst, dst},
        {DNNL_ARG_SCRATCHPAD, &conv->scratchpad, scratchpad}};
    return run(conv->forward, arguments, 5);
}

int lunette_conv_backward_data(const lunette_conv *conv, const float *diff_dst, const float *backward_weights,
                               float *diff_src, void *scratchpad) {
    if (!conv->backward_data) return 1;
    argument arguments[] = {
        {DNNL_ARG_DIFF_DST, &conv->dst, diff_dst}, {DNNL_ARG_WEIGHTS, &conv->backward_weights, backward_weights},
        {DNNL_ARG_DIFF_SRC, &conv->src, diff_src}, {DNNL_ARG_SCRATCHPAD, &conv->scratchpad, scratchpad}};
    return run(conv->backward_data, arguments, 4);
}

int lunette_conv_weight_gradient(const lunette_conv *conv, const float *src, const float *diff_dst,
                                 float *weight_gradient, void *scratchpad) {
    if (!conv->weight_gradient_primitive) return 1;
    argument arguments[] = {
        {DNNL_ARG_SRC, &conv->src, src}, {DNNL_ARG_DIFF_DST, &conv->dst, diff_dst},
        {DNNL_ARG_DIFF_WEIGHTS, &conv->weight_gradient, weight_gradient},
        {DNNL_ARG_SCRATCHPAD, &conv->scratchpad, scratchpad}};
    return run(conv->weight_gradient_primitive, arguments, 4);
}
