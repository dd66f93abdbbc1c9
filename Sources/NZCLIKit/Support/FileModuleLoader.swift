import Foundation
import NZSema

/// Finds imported modules on disk. `import "path.nzs"` is relative to the importing file.
/// `import name` looks for `name.nzs` in, in order: `$NZS_STDLIB`; a `stdlib/` folder in the
/// importing file's directory or any directory above it; `stdlib/` in the working directory;
/// and a `stdlib/` above the `nzs` executable (a source checkout's).
public struct FileModuleLoader: ModuleLoader {
    let workingDirectory: String

    public init(workingDirectory: String) { self.workingDirectory = workingDirectory }

    public func load(module: String, isPath: Bool, importer: String) -> ModuleLookup {
        let importerDirectory = importer.hasPrefix("<") ? workingDirectory : (absolute(importer) as NSString).deletingLastPathComponent
        var candidates: [String] = []
        if isPath {
            candidates.append(module.hasPrefix("/") ? module : importerDirectory + "/" + module)
        } else {
            let file = module + ".nzs"
            if let root = ProcessInfo.processInfo.environment["NZS_STDLIB"], !root.isEmpty {
                candidates.append(root + "/" + file)
            }
            for directory in ancestors(of: importerDirectory) { candidates.append(directory + "/stdlib/" + file) }
            candidates.append(workingDirectory + "/stdlib/" + file)
            let executable = (CommandLine.arguments.first.map(absolute) ?? "") as NSString
            for directory in ancestors(of: executable.deletingLastPathComponent) { candidates.append(directory + "/stdlib/" + file) }
        }
        var searched: [String] = []
        for candidate in candidates {
            let path = (candidate as NSString).standardizingPath
            guard !searched.contains(path) else { continue }
            searched.append(path)
            if let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) {
                return .found(path: display(path), text: text)
            }
        }
        return .notFound(searched: searched.prefix(3).map(display))
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") || path.hasPrefix("<") ? path : workingDirectory + "/" + path
    }

    /// Paths under the working directory print relative to it, like the user's own paths.
    private func display(_ path: String) -> String {
        let prefix = (workingDirectory as NSString).standardizingPath + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    private func ancestors(of directory: String) -> [String] {
        var result: [String] = []
        var current = (directory as NSString).standardizingPath
        for _ in 0..<32 {
            result.append(current)
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { break }
            current = parent
        }
        return result
    }
}
