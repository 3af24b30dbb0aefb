import ClaimsDomain

/// One ruleset: a region, a period in force, and what a policy document publishes for it,
/// every value with the clause it came from. Identity is `id` plus the SHA-256 of its file.
public struct Ruleset: Sendable {
  public enum Kind: String, Sendable {
    /// Publishes what may be trained (and what it pays): selected for classes.
    case catalog
    /// Targets and cross-cutting rules only: never selected for a class.
    case plan
  }

  public let id: String
  public let region: String
  public let from: CivilDate
  public let until: CivilDate?
  public let kind: Kind
  /// The document number, or its title where it has none (a draft).
  public let document: String
  public let sha256: String
  public let catalog: [CatalogRow]
  public let standards: [Standard]
  public let parameters: Parameters
  public let plans: [PlanTarget]

  /// Whether `date` falls in the period in force.
  public func isInForce(on date: CivilDate) -> Bool {
    from <= date && (until.map { date <= $0 } ?? true)
  }

  /// Whether a class in `region` belongs to this ruleset's region: the region itself, or a
  /// county-level part of it written `region-county` (`liaocheng-guanxian`).
  public func covers(region classRegion: String) -> Bool {
    classRegion == region || classRegion.hasPrefix(region + "-")
  }

  public var periodDescription: String {
    "\(id) (\(region), \(from) to \(until?.description ?? "open-ended"))"
  }
}

/// A catalogue row: an occupation or item that may be trained, as printed in the seed.
public struct CatalogRow: Sendable, Equatable {
  public let category: TrainingCategory
  public let code: String?
  public let name: String
  /// A/B/C urgency, or the special-ability class (食品制作类 …).
  public let klass: String?
  public let reference: String

  /// A class names its occupation by code, or by the item name where the seed prints none.
  public func matches(occupation: String) -> Bool { code == occupation || name == occupation }
}

/// A subsidy standard: what one person is paid for a category at a level, class or item, and
/// the subsidy hours a class must plan for it.
public struct Standard: Sendable, Equatable {
  public let category: TrainingCategory
  public let level: SkillLevel?
  public let klass: String?
  public let item: String?
  public let label: String
  public let hours: Int
  public let amount: Money
  public let reference: String
}

/// A target of a plan, in person-times.
public struct PlanTarget: Sendable, Equatable {
  public let region: String
  public let unit: String?
  public let yearFrom: Int
  public let yearTo: Int
  public let program: String
  public let target: Int
  public let total: Bool
  public let reference: String
}
