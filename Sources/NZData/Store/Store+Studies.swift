/// A research study as stored: what ran (script, data, options), its result, and every trial
/// in its ledger.
public struct StoredStudy: Sendable {
    public var id: Int64?
    public var createdAt: Int64
    /// `optimize`, `walkforward` or `montecarlo`.
    public var kind: String
    public var strategy: String
    public var scriptPath: String
    public var scriptHash: String
    public var dataPath: String
    public var dataHash: String
    public var bars: Int
    /// The study's options as a JSON object (method, objective, seed, ranges, ...).
    public var optionsJSON: String
    /// The study's result as a JSON object (what `--json` prints, without the trial list).
    public var summaryJSON: String
    public var interrupted: Bool
    public var trials: [StoredTrial]

    public init(createdAt: Int64, kind: String, strategy: String, scriptPath: String, scriptHash: String, dataPath: String,
                dataHash: String, bars: Int, optionsJSON: String, summaryJSON: String, interrupted: Bool, trials: [StoredTrial]) {
        self.createdAt = createdAt
        self.kind = kind
        self.strategy = strategy
        self.scriptPath = scriptPath
        self.scriptHash = scriptHash
        self.dataPath = dataPath
        self.dataHash = dataHash
        self.bars = bars
        self.optionsJSON = optionsJSON
        self.summaryJSON = summaryJSON
        self.interrupted = interrupted
        self.trials = trials
    }
}

/// One backtest of a study: which part of the study it belongs to (empty for an optimizer's
/// trials; `window 3 in-sample` in a walk-forward study), its params and metrics as JSON
/// objects, and its objective; or why it could not run.
public struct StoredTrial: Sendable, Equatable {
    public var part: String
    public var paramsJSON: String
    public var metricsJSON: String?
    public var objective: Double?
    public var error: String?

    public init(part: String, paramsJSON: String, metricsJSON: String?, objective: Double?, error: String?) {
        self.part = part
        self.paramsJSON = paramsJSON
        self.metricsJSON = metricsJSON
        self.objective = objective
        self.error = error
    }
}

/// One line of `nzs studies list`.
public struct StudySummary: Sendable {
    public let id: Int64
    public let createdAt: Int64
    public let kind: String
    public let strategy: String
    public let dataPath: String
    public let bars: Int
    public let trials: Int
    public let interrupted: Bool
}

/// Saving and reading studies.
extension Store {
    /// Saves a study and its whole ledger in one transaction; returns its id.
    @discardableResult
    public func save(_ study: StoredStudy) throws(StoreError) -> Int64 {
        try database.transaction { () throws(StoreError) -> Int64 in
            try database.prepare("""
                INSERT INTO studies (created_at, kind, strategy, script_path, script_hash, data_path, data_hash, bars, options, summary,
                                     trials_count, interrupted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).bind([
                    .integer(study.createdAt), .text(study.kind), .text(study.strategy), .text(study.scriptPath), .text(study.scriptHash),
                    .text(study.dataPath), .text(study.dataHash), .integer(Int64(study.bars)), .text(study.optionsJSON),
                    .text(study.summaryJSON), .integer(Int64(study.trials.count)), .integer(study.interrupted ? 1 : 0),
                ]).run()
            let id = database.lastInsertID
            let insert = try database.prepare("""
                INSERT INTO study_trials (study_id, seq, part, params, metrics, objective, error) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for (seq, trial) in study.trials.enumerated() {
                try insert.bind([
                    .integer(id), .integer(Int64(seq)), .text(trial.part), .text(trial.paramsJSON),
                    trial.metricsJSON.map { .text($0) } ?? .null, trial.objective.flatMap { $0.isFinite ? .real($0) : nil } ?? .null,
                    trial.error.map { .text($0) } ?? .null,
                ]).run()
            }
            return id
        }
    }

    /// Every saved study, newest first.
    public func studies() throws(StoreError) -> [StudySummary] {
        let statement = try database.prepare("""
            SELECT id, created_at, kind, strategy, data_path, bars, trials_count, interrupted FROM studies ORDER BY id DESC
            """)
        var summaries: [StudySummary] = []
        while try statement.step() {
            summaries.append(StudySummary(id: statement.int(0), createdAt: statement.int(1), kind: statement.text(2),
                                          strategy: statement.text(3), dataPath: statement.text(4), bars: Int(statement.int(5)),
                                          trials: Int(statement.int(6)), interrupted: statement.int(7) != 0))
        }
        return summaries
    }

    /// One study with its ledger; nil when there is no study with that id.
    public func study(id: Int64) throws(StoreError) -> StoredStudy? {
        let statement = try database.prepare("""
            SELECT created_at, kind, strategy, script_path, script_hash, data_path, data_hash, bars, options, summary, interrupted
            FROM studies WHERE id = ?
            """).bind([.integer(id)])
        guard try statement.step() else { return nil }
        var study = StoredStudy(createdAt: statement.int(0), kind: statement.text(1), strategy: statement.text(2),
                                scriptPath: statement.text(3), scriptHash: statement.text(4), dataPath: statement.text(5),
                                dataHash: statement.text(6), bars: Int(statement.int(7)), optionsJSON: statement.text(8),
                                summaryJSON: statement.text(9), interrupted: statement.int(10) != 0, trials: [])
        study.id = id
        let trials = try database.prepare("""
            SELECT part, params, metrics, objective, error FROM study_trials WHERE study_id = ? ORDER BY seq
            """).bind([.integer(id)])
        while try trials.step() {
            study.trials.append(StoredTrial(part: trials.text(0), paramsJSON: trials.text(1), metricsJSON: trials.optionalText(2),
                                            objective: trials.optionalDouble(3), error: trials.optionalText(4)))
        }
        return study
    }
}
