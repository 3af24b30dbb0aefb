import ClaimsDomain

/// Names for people of the codes the statistics group by: the Chinese name with the code beside
/// it, as `Display.fund` does for funds.
extension Display {
  /// The regions of the shipped rulesets by their Chinese names; a part of one (`liaocheng-linqing`,
  /// as the rulesets cover it) reads as the city with its code; any other region as its code
  /// alone (the journal accepts any region an institution names).
  static let regionNames = ["changchun": "长春市", "jinan": "济南市", "liaocheng": "聊城市"]

  public static func region(_ region: String) -> String {
    let city = region.split(separator: "-", maxSplits: 1).first.map(String.init) ?? region
    return regionNames[city].map { "\($0) (\(region))" } ?? region
  }

  /// Person categories as SPEC §2 names them (CC-2024 §二(二), LC-2019 (一)).
  public static func personCategoryName(_ category: PersonCategory) -> String {
    switch category {
    case .povertyMonitored: "防止返贫监测对象"
    case .graduate: "毕业年度高校毕业生"
    case .schoolLeaver: "未继续升学的应届初高中毕业生"
    case .ruralMigrant: "农村转移就业劳动者"
    case .registeredUnemployed: "城镇登记失业人员"
    case .hardToEmploy: "就业困难人员"
    case .veteran: "退役军人"
    case .disabled: "残疾人"
    case .employedWorker: "企业在岗职工"
    }
  }

  public static func personCategory(_ category: PersonCategory) -> String {
    "\(personCategoryName(category)) (\(category.rawValue))"
  }

  /// `2024Q3`.
  public static func quarter(year: Int, quarter: Int) -> String { "\(year)Q\(quarter)" }
}
