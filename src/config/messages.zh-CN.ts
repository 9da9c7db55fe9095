import type { Translation } from '../i18n/catalog';
import type { messages } from './messages';

export default {
  id: 'config/messages',
  messages: {
    title: '此应用的配置不正确',
    field: '字段 {field} {problem}。',
    where: '配置位于 public/config.json。修正后请重新加载。',
    reload: '重新加载',
    'problem.missing': '缺失',
    'problem.not-a-string': '必须是非空字符串',
    'problem.not-a-url': '不是绝对 URL：“{value}”',
    'problem.not-https': '必须使用 https（仅 localhost 可用 http）：“{value}”',
    'problem.has-credentials': '不得包含用户名或密码',
    'problem.foreign-origin': '指向其他站点 {value}，该站点将能看到登录请求或令牌',
    'problem.has-path': '必须是实例的源地址，不能带路径：“{value}”',
    'problem.not-a-path': '必须是以单个“/”开头的路径：“{value}”',
    'problem.unsupported-version': '不是受支持的 Workfront API 版本：“{value}”',
    'problem.unknown-api-mode': '必须是 "proxy" 或 "direct"，而不是 {value}',
    'problem.not-a-boolean': '必须是 true 或 false，而不是 {value}',
    'problem.not-an-object': '必须是 JSON 对象',
    'problem.not-downloaded': '无法下载',
    'problem.not-found': '未找到（HTTP {value}）',
    'problem.not-json': '不是有效的 JSON',
    'fix.config.json': '请随应用提供 public/config.json；“npm run setup”可生成它（见 README）。',
    'fix.workfrontUrl': '请设置为您的实例，例如 "https://acme.my.workfront.com"。',
    'fix.clientId': '请从 Workfront 的“设置 > 系统 > OAuth 应用程序”中复制客户端 ID。',
    'fix.redirectPath':
      '请使用如 "/callback" 的路径，并在 OAuth2 应用程序中注册 <应用源地址>/callback。',
    'fix.scope': '请使用 "offline_access"。',
    'fix.apiVersion': '请使用 v16.0 至 v22.0 之间受支持的版本，例如 "v20.0"。',
    'fix.apiMode': '除非 Workfront 允许此源地址直接调用其 API，否则请使用 "proxy"。',
    'fix.emulator': '仅在本地模拟器中使用 true。',
    'fix.inspector': '使用 true 显示开发者的流程检查器，false 隐藏它；省略则使用默认值。',
    'fix.stateEcho': '请省略此项；仅当实例在重定向回来时不返回 state 时才使用 false。',
    'fix.authorizationEndpoint':
      '删除此项以使用 Workfront 的默认值，或提供位于 Workfront 实例、本应用源地址或 https://oauth.my.workfront.com 上的 https URL。',
    'fix.tokenEndpoint':
      '删除此项以使用 Workfront 的默认值，或提供位于 Workfront 实例或本应用源地址（代理）上的 https URL。',
    'fix.revocationEndpoint':
      '删除此项以使用 Workfront 的默认值，或提供位于 Workfront 实例或本应用源地址（代理）上的 https URL。',
    'fix.workfrontSignOutUrl':
      '删除此项，或提供让用户退出 Workfront 的页面的 https URL，例如您的实例或身份提供商的退出登录页面。',
  },
} satisfies Translation<typeof messages>;
