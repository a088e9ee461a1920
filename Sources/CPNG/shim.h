#include <png.h>
#include <setjmp.h>
#include <zlib.h>
#include <stdlib.h>
#include <string.h>

/*
 * PNG writing with a chosen zlib level, strategy and row filter, which libpng's simplified write
 * API does not offer. libpng reports errors by longjmp; the setjmp below and every callback are C,
 * so a jump never crosses a Swift frame: Swift only sees the return code and the message.
 */

typedef struct {
    unsigned char *data;
    size_t size;
    size_t capacity;
    char message[128];
} lunette_png_output;

static void lunette_png_write_data(png_structp png, png_bytep data, size_t length) {
    lunette_png_output *output = (lunette_png_output *)png_get_io_ptr(png);
    if (output->size + length > output->capacity) {
        size_t capacity = output->capacity * 2 > output->size + length ? output->capacity * 2 : output->size + length;
        unsigned char *grown = (unsigned char *)realloc(output->data, capacity);
        if (grown == NULL) png_error(png, "out of memory");
        output->data = grown;
        output->capacity = capacity;
    }
    memcpy(output->data + output->size, data, length);
    output->size += length;
}

static void lunette_png_flush(png_structp png) { (void)png; }

static void lunette_png_error(png_structp png, png_const_charp message) {
    lunette_png_output *output = (lunette_png_output *)png_get_error_ptr(png);
    strncpy(output->message, message, sizeof output->message - 1);
    output->message[sizeof output->message - 1] = 0;
    png_longjmp(png, 1);
}

static void lunette_png_warning(png_structp png, png_const_charp message) { (void)png; (void)message; }

/*
 * Encodes `height` rows of `width` pixels of `channels` 8-bit components (1 grey, 2 grey+alpha,
 * 3 RGB, 4 RGBA) as a PNG tagged sRGB. On success returns 1 and sets *png_data (release with
 * free()) and *png_size; on failure returns 0 with the reason in message[128].
 */
static int lunette_png_encode(const unsigned char *pixels, unsigned width, unsigned height, int channels,
                              int zlib_level, int zlib_strategy, int filters,
                              unsigned char **png_data, size_t *png_size, char *message) {
    static const int color_types[4] = {PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB,
                                       PNG_COLOR_TYPE_RGB_ALPHA};
    lunette_png_output *output = (lunette_png_output *)calloc(1, sizeof(lunette_png_output));
    if (output == NULL) {
        strcpy(message, "out of memory");
        return 0;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, output, lunette_png_error, lunette_png_warning);
    png_infop info = png == NULL ? NULL : png_create_info_struct(png);
    if (png == NULL || info == NULL) {
        png_destroy_write_struct(&png, &info);
        free(output);
        strcpy(message, "out of memory");
        return 0;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        memcpy(message, output->message, sizeof output->message);
        free(output->data);
        free(output);
        return 0;
    }
    png_set_write_fn(png, output, lunette_png_write_data, lunette_png_flush);
    png_set_IHDR(png, info, width, height, 8, color_types[(channels - 1) & 3], PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_sRGB(png, info, PNG_sRGB_INTENT_PERCEPTUAL);
    png_set_compression_level(png, zlib_level);
    png_set_compression_strategy(png, zlib_strategy);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, filters);
    png_write_info(png, info);
    size_t stride = (size_t)width * (size_t)channels;
    for (unsigned row = 0; row < height; row++) png_write_row(png, pixels + row * stride);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    *png_data = output->data;
    *png_size = output->size;
    free(output);
    return 1;
}
