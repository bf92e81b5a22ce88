/*
 * The writer's floor for `make bench`: replays the cells chitieu handed to libxlsxwriter
 * (logged with CHITIEU_CELL_LOG, see Sources/XlsxWriter/CellLog.swift) into a new workbook in
 * constant-memory mode, one Times New Roman format per style of the log, and prints how long
 * libxlsxwriter takes for them. The log is read into memory before the clock starts.
 * Not part of chitieu; compiled by the Makefile only for the comparison.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: replay CELL-LOG OUTPUT.xlsx\n"); return 2; }
    FILE *in = fopen(argv[1], "rb");
    if (!in) { perror(argv[1]); return 1; }
    fseek(in, 0, SEEK_END);
    long size = ftell(in);
    fseek(in, 0, SEEK_SET);
    unsigned char *log = malloc(size + 1);
    if (!log || fread(log, 1, size, in) != (size_t)size) { fprintf(stderr, "cannot read %s\n", argv[1]); return 1; }
    fclose(in);

    double start = now();
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
    lxw_workbook *workbook = workbook_new_opt(argv[2], &options);
    if (!workbook) { fprintf(stderr, "cannot create %s\n", argv[2]); return 1; }
    lxw_format *formats[65536] = {0};
    lxw_worksheet *sheet = NULL;
    long cells = 0, p = 0;
    char text[40000];
    while (p < size) {
        unsigned char kind = log[p++];
        if (kind == 'S') {
            uint32_t n; memcpy(&n, log + p, 4); p += 4;
            memcpy(text, log + p, n); text[n] = 0; p += n;
            sheet = workbook_add_worksheet(workbook, text);
            continue;
        }
        uint32_t row; uint16_t col, style;
        memcpy(&row, log + p, 4); memcpy(&col, log + p + 4, 2); memcpy(&style, log + p + 6, 2); p += 8;
        if (!formats[style]) {
            formats[style] = workbook_add_format(workbook);
            format_set_font_name(formats[style], "Times New Roman");
            format_set_font_size(formats[style], 12);
            format_set_border(formats[style], LXW_BORDER_THIN);
            if (kind == 'N') format_set_num_format(formats[style], "#,##0.0");
        }
        if (kind == 'T') {
            uint32_t n; memcpy(&n, log + p, 4); p += 4;
            if (n >= sizeof text) n = sizeof text - 1;
            memcpy(text, log + p, n); text[n] = 0; p += n;
            worksheet_write_string(sheet, row, col, text, formats[style]);
        } else {
            double v; memcpy(&v, log + p, 8); p += 8;
            worksheet_write_number(sheet, row, col, v, formats[style]);
        }
        cells++;
    }
    lxw_error error = workbook_close(workbook);
    double seconds = now() - start;
    if (error) { fprintf(stderr, "workbook_close: %s\n", lxw_strerror(error)); return 1; }
    printf("libxlsxwriter (C, cùng các ô): %ld ô, %.2f s\n", cells, seconds);
    free(log);
    return 0;
}
