/*
 * Reference for `make bench`: the national-scale report sheet written by a plain C program
 * calling libxlsxwriter, cell for cell what chitieu-bench writes through the Swift wrapper.
 * 34 provinces and 3 321 communes x 120 indicators x 2 periods = 805 200 rows x 9 columns.
 * Not part of chitieu; compiled by the Makefile only for the comparison.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <xlsxwriter.h>

#define UNITS 3355
#define INDICATORS 120
#define PERIODS 2

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "national-c.xlsx";
    static char codes[UNITS][16], names[UNITS][64], icodes[INDICATORS][16], inames[INDICATORS][80];
    for (int u = 0; u < UNITS; u++) {
        snprintf(codes[u], sizeof codes[u], u < 34 ? "T%02d" : "X%04d", u < 34 ? u : u - 34);
        snprintf(names[u], sizeof names[u], u < 34 ? "Tỉnh số %d" : "Xã số %d", u < 34 ? u + 1 : u - 33);
    }
    for (int i = 0; i < INDICATORS; i++) {
        snprintf(icodes[i], sizeof icodes[i], "CT%03d", i + 1);
        snprintf(inames[i], sizeof inames[i], "Chỉ tiêu kinh tế - xã hội số %d", i + 1);
    }
    const char *periods[PERIODS] = {"2024-H1", "2024"};
    const char *headers[9] = {"unit", "name", "indicator", "indicator_name", "period", "target", "actual", "completion_pct", "status"};

    double start = now();
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
    lxw_workbook *workbook = workbook_new_opt(path, &options);
    if (!workbook) { fprintf(stderr, "cannot create %s\n", path); return 1; }
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, "Chi tiết");
    lxw_format *text = workbook_add_format(workbook);
    format_set_font_name(text, "Times New Roman");
    format_set_font_size(text, 12);
    lxw_format *number = workbook_add_format(workbook);
    format_set_font_name(number, "Times New Roman");
    format_set_font_size(number, 12);
    format_set_num_format(number, "#,##0.0");
    lxw_format *bold = workbook_add_format(workbook);
    format_set_font_name(bold, "Times New Roman");
    format_set_font_size(bold, 12);
    format_set_bold(bold);
    worksheet_set_column(sheet, 0, 0, 10, NULL);
    worksheet_set_column(sheet, 1, 1, 18, NULL);
    worksheet_set_column(sheet, 3, 3, 36, NULL);
    for (int c = 0; c < 9; c++) worksheet_write_string(sheet, 0, c, headers[c], bold);
    lxw_row_t row = 1;
    for (int u = 0; u < UNITS; u++)
        for (int i = 0; i < INDICATORS; i++)
            for (int p = 0; p < PERIODS; p++) {
                double target = 100 + (u * 7 + i * 13) % 900;
                double actual = target * (0.8 + ((u * 31 + i * 17 + p) % 50) / 100.0);
                double completion = actual / target * 100;
                worksheet_write_string(sheet, row, 0, codes[u], text);
                worksheet_write_string(sheet, row, 1, names[u], text);
                worksheet_write_string(sheet, row, 2, icodes[i], text);
                worksheet_write_string(sheet, row, 3, inames[i], text);
                worksheet_write_string(sheet, row, 4, periods[p], text);
                worksheet_write_number(sheet, row, 5, target, number);
                worksheet_write_number(sheet, row, 6, actual, number);
                worksheet_write_number(sheet, row, 7, completion, number);
                worksheet_write_string(sheet, row, 8, completion >= 100 ? "Đạt" : "Không đạt", text);
                row++;
            }
    lxw_error error = workbook_close(workbook);
    double seconds = now() - start;
    if (error) { fprintf(stderr, "workbook_close: %s\n", lxw_strerror(error)); return 1; }
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    printf("C + libxlsxwriter: %u hàng, %.2f s, bộ nhớ đỉnh %.0f MB\n", row, seconds, usage.ru_maxrss / 1024.0);
    return 0;
}
