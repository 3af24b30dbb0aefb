import ClaimsDomain

/// A region where classes run: its code (`liaocheng-<county>`, `changchun`, `jinan`), the area
/// code of its residents' ID numbers, its schools, the clerks who record its facts, and how
/// much of the training it gets (its weight among the Liaocheng counties).
struct WorkloadPlace {
  let region: String
  let name: String
  let area: String
  let institutions: [String]
  let clerks: [String]
  let weight: Int

  /// The county table of LC-2019 附件1 names these units; their targets become `plan.set`.
  static let liaocheng: [WorkloadPlace] = [
    county("dongchangfu", "东昌府区", "371502", weight: 5),
    county("chiping", "茌平区", "371503", weight: 3),
    county("yanggu", "阳谷县", "371521", weight: 3),
    county("shenxian", "莘县", "371522", weight: 4),
    county("donge", "东阿县", "371524", weight: 2),
    county("guanxian", "冠县", "371525", weight: 3),
    county("gaotang", "高唐县", "371526", weight: 3),
    county("linqing", "临清市", "371581", weight: 4),
  ]
  static let changchun = WorkloadPlace(
    region: "changchun", name: "长春市", area: "220104",
    institutions: ["cc-school-1", "cc-school-2", "cc-school-3"],
    clerks: ["clerk-cc-1", "clerk-cc-2"],
    weight: 0)
  static let jinan = WorkloadPlace(
    region: "jinan", name: "济南市", area: "370112", institutions: ["jn-school-1"],
    clerks: ["clerk-jn-1"],
    weight: 0)
  static let all = liaocheng + [changchun, jinan]

  static func county(_ code: String, _ name: String, _ area: String, weight: Int) -> WorkloadPlace {
    WorkloadPlace(
      region: "liaocheng-\(code)", name: name, area: area,
      institutions: (1...3).map { "lc-\(code)-school-\($0)" },
      clerks: ["clerk-\(code)-1", "clerk-\(code)-2"],
      weight: weight)
  }

  /// The Liaocheng counties, each repeated by its weight: a draw from it picks a county in
  /// proportion to its training.
  static let weightedCounties: [Int] = liaocheng.indices.flatMap {
    Array(repeating: $0, count: liaocheng[$0].weight)
  }
}

/// The bureau's staff beyond the clerks: reviewers approve classes and decide claims, finance
/// staff appropriate and pay, auditors only read. Clerks never decide and reviewers never pay,
/// so the four-eyes rules of SPEC §4 hold by the roles alone.
enum WorkloadStaff {
  static let reviewers = (1...6).map { "reviewer-\($0)" }
  static let finance = (1...4).map { "finance-\($0)" }
  static let auditors = ["auditor-1", "auditor-2"]
}

/// Made-up people: person `n` of a place has a valid resident ID built from the place's area
/// code, a birth date and a sequence number that follow from `n` one-to-one (so no two people
/// share an ID), and a name put together from common characters.
enum WorkloadPeople {
  static let birthDays = 12_045  // 1972-01-01 and the 33 years after it
  static let firstBirthDay = CivilDate("1972-01-01")!.daysSinceEpoch

  static func residentID(area: String, number n: Int) -> String {
    // 7919 is prime and does not divide 12,045, so n ↦ (birth, sequence) is one-to-one.
    let birth = CivilDate(daysSinceEpoch: firstBirthDay + (n &* 7919) % birthDays)
    let sequence = 1 + n / birthDays
    precondition(sequence < 1000, "at most 12 million people per place")
    let digits = String(birth.year) + two(birth.month) + two(birth.day)
    let body = area + digits + (sequence < 10 ? "00" : sequence < 100 ? "0" : "") + String(sequence)
    return body + String(ResidentID.checkCharacter(for: body)!)
  }

  static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

  static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶")
  static let given = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁龙林欣佳雪婷琳晨阳")

  static func name(_ n: Int) -> String {
    let mixed = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
    let surname = surnames[Int(mixed >> 58) % surnames.count]
    let first = given[Int((mixed >> 40) & 0xFFFF) % given.count]
    let second =
      (mixed >> 39) & 1 == 0 ? "" : String(given[Int((mixed >> 20) & 0xFFFF) % given.count])
    return String(surname) + String(first) + second
  }
}
