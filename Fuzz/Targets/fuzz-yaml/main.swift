import ChitieuPipeline
import FuzzSupport
import Foundation

/// A pipeline file: loaded and checked whole, or refused with a message naming it.
private let fuzz: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { start, count in
    let path = FuzzInput.file(FuzzInput.bytes(start, count), named: "pipeline.yaml")
    do {
        _ = try PipelineConfig.load(path: path)
    } catch {
        FuzzInput.expectNamesFile("\(error)", path)
    }
    return 0
}

runFuzzer(fuzz)
