import ClaimsDomain

/// How codes read for people: the Chinese name with the code beside it.
public enum Display {
  public static func fund(_ fund: Fund?) -> String {
    guard let fund else { return "—" }
    return "\(fund.chineseName) (\(fund.rawValue))"
  }

  public static func category(_ category: TrainingCategory) -> String {
    "\(category.chineseName) (\(category.rawValue))"
  }

  public static func money(_ money: Money?) -> String { money?.displayString ?? "—" }
}
