import type { Translation } from '../i18n/catalog';
import type { instanceCheckMessages } from './instance-check-messages';

export default {
  id: 'inspector/instance-check-messages',
  messages: {
    title: '检查此 Workfront',
    intro:
      '向此 Workfront 提出几个只读问题，了解其文档未说明的行为，并说明应用如何应对每个答案。如果此标签页尚未刷新过，检查会像“立即刷新”一样刷新一次，以了解刷新令牌是否轮换。配置文件不含任何令牌、授权码、用户名、ID 或工作数据。',
    run: '检查此 Workfront',
    signInFirst: '登录后即可检查此 Workfront。',
    'step.signIn': '读取登录过程的信息',
    'step.tokenEndpoint': '询问令牌端点',
    'step.refresh': '刷新一次，以观察轮换',
    'step.apiCors': '直接调用 API',
    'step.bearerAccepted': '使用 Authorization: Bearer 调用 API',
    'step.authError': '使用无效会话调用 API',
    'step.myWork': '分页读取“我的工作”',
    'step.apiVersions': '调用每个 API 版本',
    'step.issueStatuses': '读取问题状态',
    checking: '正在检查此 Workfront：{step}…',
    failed: '检查已中止：{reason}',
  },
} satisfies Translation<typeof instanceCheckMessages>;
