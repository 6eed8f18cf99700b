// Stable error codes shared by server and client, each with its HTTP status
// and a zh-CN and English message. Clients branch on `code`, never on text.
export interface ErrorDefinition {
  status: number;
  zh: string;
  en: string;
}

export const errorCatalog = {
  'request.invalid': {
    status: 400,
    zh: '请求内容有误，请检查标出的字段。',
    en: 'The request is invalid; check the fields listed.',
  },
  'request.malformed_json': { status: 400, zh: '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  'request.too_large': { status: 413, zh: '请求内容过大。', en: 'The request is too large.' },
  'request.unsupported_media_type': { status: 415, zh: '不支持的内容类型。', en: 'Unsupported content type.' },
  'request.unsupported_encoding': {
    status: 400,
    zh: '请求内容的编码（Content-Encoding）不受支持或与内容不符。',
    en: 'The request body’s Content-Encoding is unsupported or does not match the body.',
  },
  'request.rate_limited': {
    status: 429,
    zh: '请求过于频繁，请稍后再试。',
    en: 'Too many requests; please try again later.',
  },
  'resource.not_found': { status: 404, zh: '找不到该资源。', en: 'Not found.' },
  'resource.conflict': { status: 409, zh: '与已有记录冲突。', en: 'This conflicts with an existing record.' },
  'resource.stale': {
    status: 409,
    zh: '记录已被他人修改，请刷新后重试。',
    en: 'The record was changed by someone else; reload and try again.',
  },
  'auth.unauthenticated': { status: 401, zh: '请先登录。', en: 'Please sign in.' },
  'exchange.unsigned': {
    status: 401,
    zh: '请求签名无效：密钥编号、时间戳、随机数或签名有误。',
    en: 'The request signature is not valid: check the key id, timestamp, nonce and signature.',
  },
  'exchange.replayed': {
    status: 401,
    zh: '该请求已处理过（随机数重复），不再受理。',
    en: 'This request was already received (its nonce was used before); it is refused.',
  },
  'exchange.not_dead_letter': {
    status: 409,
    zh: '该回传消息不是投递失败的消息（可能已重新发送），无需再次发送。',
    en: 'This status message is not a failed delivery (it may already have been sent again).',
  },
  'exchange.case_conflict': {
    status: 409,
    zh: '该案件编号（externalId）已提交过不同的内容；同一编号只能对应同一案件。',
    en: 'This externalId was already sent with different content; one id is one case.',
  },
  'auth.invalid_credentials': { status: 401, zh: '用户名或密码错误。', en: 'Wrong username or password.' },
  'auth.totp_required': {
    status: 401,
    zh: '请输入身份验证器中的 6 位动态码。',
    en: 'Enter the 6-digit code from your authenticator app.',
  },
  'auth.totp_invalid': { status: 401, zh: '动态码错误或已过期。', en: 'The code is wrong or has expired.' },
  'auth.totp_enrolment_required': {
    status: 403,
    zh: '此角色必须先启用双因素认证。',
    en: 'This role must enable two-factor authentication first.',
  },
  'auth.password_change_required': {
    status: 403,
    zh: '请先修改管理员发放的密码，才能使用其他功能。',
    en: 'Change the password an administrator gave you before doing anything else.',
  },
  'auth.throttled': {
    status: 429,
    zh: '登录失败次数过多，请稍候再试。',
    en: 'Too many failed sign-ins; wait a moment and try again.',
  },
  'auth.locked': {
    status: 423,
    zh: '账号因多次登录失败已被临时锁定。',
    en: 'The account is temporarily locked after repeated failed sign-ins.',
  },
  'auth.disabled': { status: 403, zh: '账号已停用。', en: 'This account is disabled.' },
  'auth.csrf_invalid': {
    status: 403,
    zh: '安全令牌无效，请刷新页面后重试。',
    en: 'Invalid security token; reload the page and try again.',
  },
  'auth.forbidden': { status: 403, zh: '您无权执行此操作。', en: 'You are not allowed to do this.' },
  'auth.password_weak': {
    status: 400,
    zh: '新密码至少 12 位，且不能与用户名相同。',
    en: 'The new password needs at least 12 characters and must differ from the username.',
  },
  'auth.password_common': {
    status: 400,
    zh: '新密码过于常见或容易被猜到（如常用密码、键盘顺序、重复字符或包含用户名），请换一个。',
    en: 'The new password is too common or easy to guess (a common password, keyboard pattern, repetition or your name); choose another.',
  },
  'auth.password_reused': {
    status: 400,
    zh: '新密码不能与当前密码相同。',
    en: 'The new password must differ from the current one.',
  },
  'auth.password_wrong': { status: 400, zh: '当前密码不正确。', en: 'The current password is wrong.' },
  'staff.username_taken': { status: 409, zh: '该用户名已被使用。', en: 'This username is already taken.' },
  'staff.self_change': {
    status: 409,
    zh: '不能停用自己或更改自己的角色。',
    en: 'You cannot disable yourself or change your own role.',
  },
  'request.multipart_invalid': {
    status: 400,
    zh: '上传内容格式有误，请重试。',
    en: 'The upload is malformed; please try again.',
  },
  'report.unknown_category': { status: 400, zh: '举报类别不存在。', en: 'Unknown report category.' },
  'report.unknown_poster': {
    status: 400,
    zh: '二维码对应的公示牌不存在或已停用。',
    en: 'The poster behind this QR code does not exist or is retired.',
  },
  'report.closed': { status: 409, zh: '该举报已结束，无法再操作。', en: 'This report is closed.' },
  'report.assessment_required': {
    status: 400,
    zh: '举报人是被举报单位的员工：受理前须逐件填写保护风险评估。',
    en: 'The reporter works for the subject: record the protection risk assessment to accept it, one report at a time.',
  },
  'report.protected_evidence': {
    status: 409,
    zh: '这是受保护案件：证据可能暴露举报人身份。确认确有需要后再查看。',
    en: 'This case is protected: its evidence could identify the reporter. Confirm that you need it before opening it.',
  },
  'identity.reveal_not_approved': {
    status: 409,
    zh: '查看举报人身份须先提出申请，并经另一名举报人保护专员批准；批准仅供申请人在有效期内使用。',
    en: "Seeing the reporter's identity needs a request approved by another protection officer; only the requester may use the approval, while it lasts.",
  },
  'report.not_objectable': {
    status: 409,
    zh: '当前无法提出该异议（未收到结果告知书、已提出过或已过异议期限）。',
    en: 'This cannot be disputed now (no result letter yet, already disputed, or past the period).',
  },
  'evidence.too_many': { status: 400, zh: '附件数量超出上限。', en: 'Too many files attached.' },
  'evidence.too_large': { status: 413, zh: '附件过大。', en: 'A file is too large.' },
  'evidence.image_too_large': {
    status: 422,
    zh: '图片像素过多（超过 5000 万像素），无法处理。请上传手机或相机直接拍摄的照片。',
    en: 'The image has too many pixels (over 50 megapixels) to process. Please upload the photo as your phone or camera took it.',
  },
  'evidence.empty': { status: 400, zh: '附件是空文件。', en: 'A file is empty.' },
  'evidence.type_not_allowed': {
    status: 415,
    zh: '只能上传照片、视频、音频或 PDF 文件。',
    en: 'Only photos, videos, audio and PDF files can be uploaded.',
  },
  'evidence.polyglot': {
    status: 415,
    zh: '文件内混有其他格式的内容，已拒收。',
    en: 'The file carries content of another format and was refused.',
  },
  'evidence.unreadable': { status: 400, zh: '附件已损坏或无法识别。', en: 'A file is damaged or cannot be read.' },
  'pow.required': {
    status: 428,
    zh: '请稍候，页面正在完成防刷验证后再提交。',
    en: 'Please wait: the page must finish its anti-abuse check before submitting.',
  },
  'pow.invalid': {
    status: 400,
    zh: '防刷验证无效或已过期，请重试。',
    en: 'The anti-abuse check is invalid or expired; please retry.',
  },
  'reward.not_claimable': {
    status: 409,
    zh: '该奖励当前无法申领（未批准、已申领或已过领取期限）。',
    en: 'This reward cannot be claimed now (not approved, already claimed, or past the claim deadline).',
  },
  'reward.not_appealable': {
    status: 409,
    zh: '该奖励决定当前无法申请复查（已申请过或已过复查期限）。',
    en: 'This reward decision cannot be appealed now (already appealed, or past the appeal period).',
  },
  'claim.deleted': {
    status: 410,
    zh: '领奖人身份和银行账户已按保存期限删除。',
    en: "The claimant's identity and bank details were deleted on the retention schedule.",
  },
  'reward.matter_rewarded': {
    status: 409,
    zh: '同一事项只奖励一次：该事项的另一件案件已拟定、批准或发放奖励。',
    en: 'One matter is rewarded once: another case of this matter already has a reward proposed, approved or paid.',
  },
  'reward.claimant_mismatch': {
    status: 409,
    zh: '领奖人信息与举报时登记的实名信息不一致，请核对后重新提交。',
    en: 'The claimant does not match the real-name reporter on record; check the details and submit again.',
  },
  'fund.insufficient': {
    status: 409,
    zh: '奖励基金可用余额不足，无法预留该笔奖励。',
    en: 'The fund does not have enough available money to reserve this reward.',
  },
  'idempotency.required': {
    status: 400,
    zh: '涉及资金的操作必须带有 Idempotency-Key 请求头。',
    en: 'Requests that move money need an Idempotency-Key header.',
  },
  'idempotency.mismatch': {
    status: 422,
    zh: '同一提交编号对应了不同的内容。',
    en: 'This Idempotency-Key was already used for different content.',
  },
  'followup.invalid_credentials': {
    status: 401,
    zh: '举报编号或查询密钥不正确。',
    en: 'The report reference or access key is wrong.',
  },
  'followup.duress_key_set': {
    status: 409,
    zh: '应急码已经设置过，出于安全考虑不能再次显示或更换。',
    en: 'A duress key is already set; for your safety it cannot be shown again or replaced.',
  },
  'followup.session_expired': {
    status: 401,
    zh: '查询已过期，请重新输入举报编号和查询密钥。',
    en: 'Your follow-up session has expired; enter the reference and access key again.',
  },
  'poster.not_found': { status: 404, zh: '公示牌不存在。', en: 'Poster not found.' },
  'poster.inactive': {
    status: 409,
    zh: '公示牌已停用，请先启用再打印。',
    en: 'This poster is retired; reactivate it before printing.',
  },
  'server.unavailable': {
    status: 503,
    zh: '服务暂不可用，请稍后再试。',
    en: 'The service is unavailable; please try again later.',
  },
  'server.internal': {
    status: 500,
    zh: '服务器内部错误，请稍后再试。',
    en: 'Internal server error; please try again later.',
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof errorCatalog;

export type Locale = 'zh-CN' | 'en';

export function errorMessage(code: ErrorCode, locale: Locale): string {
  const def: ErrorDefinition = errorCatalog[code];
  return locale === 'en' ? def.en : def.zh;
}
