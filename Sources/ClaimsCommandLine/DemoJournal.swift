/// The small journal `claims demo` builds: a Liaocheng welding class from opening to a paid
/// claim, in batches as a bureau would record them. Each batch is (recorded time, JSON Lines).
enum DemoJournal {
  static let admin = "admin-wang"
  static let opened = "2024-09-01T01:00:00.000Z"

  static let batches: [(recorded: String, lines: String)] = [
    (
      "2024-09-01T02:00:00.000Z",
      """
      {"type":"actor.registered","id":"act-1","date":"2024-09-01","actor":"admin-wang","actor_id":"clerk-li","role":"clerk","name":"李敏"}
      {"type":"actor.registered","id":"act-2","date":"2024-09-01","actor":"admin-wang","actor_id":"reviewer-zhao","role":"reviewer","name":"赵强"}
      {"type":"actor.registered","id":"act-3","date":"2024-09-01","actor":"admin-wang","actor_id":"finance-chen","role":"finance","name":"陈静"}
      {"type":"actor.registered","id":"act-4","date":"2024-09-01","actor":"admin-wang","actor_id":"auditor-sun","role":"auditor","name":"孙审"}
      {"type":"institution.registered","id":"inst-1","date":"2024-09-01","actor":"admin-wang","institution":"lc-tech-school","name":"聊城市技工学校","region":"liaocheng"}
      """
    ),
    (
      "2024-09-02T01:30:00.000Z",
      """
      {"type":"fund.appropriated","id":"fund-1","date":"2024-09-02","actor":"finance-chen","fund":"employment-subsidy","region":"liaocheng","amount":"200000.00","reference":"聊财社指〔2024〕1号"}
      {"type":"fund.appropriated","id":"fund-2","date":"2024-09-02","actor":"finance-chen","fund":"unemployment-insurance","region":"liaocheng","amount":"50000.00","reference":"聊人社发〔2024〕5号"}
      {"type":"class.approved","id":"cls-1","date":"2024-09-02","actor":"reviewer-zhao","class":"LC-2024-0001","institution":"lc-tech-school","region":"liaocheng","category":"green","occupation":"6-18-01-01","level":"junior","assessment":"evaluation","start":"2024-09-09","end":"2024-09-20","hours_offline":40,"hours_online":0,"theory_hours":12,"planned_size":30}
      """
    ),
    (
      "2024-09-09T01:00:00.000Z",
      """
      {"type":"trainee.enrolled","id":"enr-1","date":"2024-09-09","actor":"clerk-li","trainee":"371502199001011234","name":"张伟","class":"LC-2024-0001","categories":["registered-unemployed"],"ui_benefit":true}
      {"type":"trainee.enrolled","id":"enr-2","date":"2024-09-09","actor":"clerk-li","trainee":"371521199203152341","name":"王芳","class":"LC-2024-0001","categories":["rural-migrant"],"ui_benefit":false}
      {"type":"attendance.recorded","id":"att-1","date":"2024-09-09","actor":"clerk-li","class":"LC-2024-0001","trainee":"371502199001011234","hours":8}
      {"type":"attendance.recorded","id":"att-2","date":"2024-09-09","actor":"clerk-li","class":"LC-2024-0001","trainee":"371521199203152341","hours":8}
      """
    ),
    (
      "2024-09-23T02:00:00.000Z",
      """
      {"type":"exam.recorded","id":"exm-1","date":"2024-09-21","actor":"clerk-li","class":"LC-2024-0001","trainee":"371502199001011234","passed":true,"certificate_type":"skill-level","certificate_no":"S2024370000123","level":"junior"}
      {"type":"exam.recorded","id":"exm-2","date":"2024-09-21","actor":"clerk-li","class":"LC-2024-0001","trainee":"371521199203152341","passed":false,"certificate_type":"skill-level"}
      {"type":"claim.submitted","id":"clm-1","date":"2024-09-23","actor":"clerk-li","claim":"CL-0001","class":"LC-2024-0001","trainees":["371502199001011234"],"claimant":"institution"}
      """
    ),
    (
      "2024-09-25T03:00:00.000Z",
      """
      {"type":"claim.approved","id":"apr-1","date":"2024-09-25","actor":"reviewer-zhao","claim":"CL-0001"}
      {"type":"payment.made","id":"pay-1","date":"2024-09-25","actor":"finance-chen","payment":"PAY-0001","claim":"CL-0001","fund":"unemployment-insurance","amount":"600.00","payee":"lc-tech-school","bank_ref":"B20240925001"}
      """
    ),
  ]
}
