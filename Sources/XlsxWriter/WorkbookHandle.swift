import CXlsxWriter

/// The one owner of a libxlsxwriter workbook handle.
///
/// Non-copyable so the handle can be neither freed twice nor used after `close()`: closing
/// consumes the owner. If the owner is dropped without closing (an error on the way), `deinit`
/// frees the handle without writing a file.
struct WorkbookHandle: ~Copyable {
    // Only trivially destroyed fields, so that `close()` can `discard self`.
    let pointer: UnsafeMutablePointer<lxw_workbook>

    init(path: String, constantMemory: Bool, temporaryDirectory: String?) throws(XlsxWriterError) {
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        options.use_zip64 = 1
        // workbook_new_opt copies the file name and tmpdir strings.
        let created: UnsafeMutablePointer<lxw_workbook>? = path.withCString { cPath in
            if let temporaryDirectory {
                return temporaryDirectory.withCString { cTmp in
                    options.tmpdir = UnsafeMutablePointer(mutating: cTmp)
                    return workbook_new_opt(cPath, &options)
                }
            }
            return workbook_new_opt(cPath, &options)
        }
        guard let created else {
            throw .library(operation: "workbook_new_opt", sheet: nil, cell: nil,
                           code: LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue, message: "không tạo được sổ tính")
        }
        self.pointer = created
    }

    /// Writes the file and frees the handle.
    consuming func close() throws(XlsxWriterError) {
        // "workbook_close() … frees the workbook and all its worksheets" whatever it returns, so
        // the handle must not be freed again: `discard self` skips deinit.
        let result = workbook_close(pointer)
        discard self
        try XlsxWriterError.check(result, "workbook_close (ghi tệp)", sheet: nil, cell: nil)
    }

    deinit {
        lxw_workbook_free(pointer)
    }
}
