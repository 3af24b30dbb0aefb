import ClaimsDomain

/// A made-up person: a valid resident ID number (GB 11643: area, birth date, sequence, and the
/// ISO 7064 MOD 11-2 check character) and a name. Nobody real: the sequence numbers are drawn
/// at random and the names are common ones put together.
struct Person {
  let id: String
  let name: String
}

/// Draws people from a seeded generator, never the same ID twice.
struct People {
  var random: SplitMix64
  private var issued: Set<String> = []

  init(random: SplitMix64) { self.random = random }

  static let surnames = Array(
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段")
  static let givenNames = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁龙林欣佳雪婷琳晨阳")

  /// A person registered in `area` (the six-digit administrative code), born 1972–2004.
  mutating func draw(area: String) -> Person {
    while true {
      let birth = CivilDate(
        year: 1972 + random.below(33), month: 1 + random.below(12), day: 1 + random.below(28))!
      let sequence = 1 + random.below(999)
      let body =
        area + birth.description.replacingOccurrences(of: "-", with: "")
        + String(repeating: "0", count: sequence < 10 ? 2 : sequence < 100 ? 1 : 0)
        + String(sequence)
      let id = body + String(ResidentID.checkCharacter(for: body)!)
      guard issued.insert(id).inserted else { continue }
      let given = (0..<(1 + random.below(2))).map { _ in
        String(Self.givenNames[random.below(Self.givenNames.count)])
      }
      return Person(
        id: id, name: String(Self.surnames[random.below(Self.surnames.count)]) + given.joined())
    }
  }
}
