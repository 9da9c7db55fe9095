import type { Translation } from '../i18n/catalog';
import type { messages } from './messages';

export default {
  id: 'components/messages',
  messages: {
    couldNotLoad: '{what}无法加载。',
    retry: '重试',
    unexpected: '出错了：{message}',
    network: '无法连接到 Workfront。请检查网络连接。',
    networkDirect:
      '如果持续失败，可能是 Workfront 不允许此网站直接调用其 API（CORS）：请使用 "apiMode": "proxy"。',
    http: 'Workfront 无法响应（HTTP {status}）。',
    timeout: 'Workfront 在 {seconds} 秒内没有响应。',
    authentication: 'Workfront 未接受您的会话。',
    session: '暂时无法续期您的 Workfront 会话。',
    refused: 'Workfront 拒绝了请求：{message}',
    'status.NEW': '新建',
    'status.INP': '进行中',
    'status.CPL': '已完成',
    'status.CUR': '进行中',
    'status.PLN': '规划中',
    'status.DED': '已终止',
    'status.ONH': '已暂停',
    'status.AWF': '等待反馈',
    'status.ROP': '已重新打开',
    'status.CND': '无法重现',
    'status.WTR': '不予解决',
    'status.RLV': '已解决',
    'status.VCP': '已验证完成',
    'status.CLS': '已关闭',
    'priority.0': '无',
    'priority.1': '低',
    'priority.2': '普通',
    'priority.3': '高',
    'priority.4': '紧急',
  },
} satisfies Translation<typeof messages>;
