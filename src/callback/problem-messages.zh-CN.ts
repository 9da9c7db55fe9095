import type { Translation } from '../i18n/catalog';
import type { problemMessages } from './problem-messages';

export default {
  id: 'callback/problem-messages',
  messages: {
    tryAgain: '重试',
    toStart: '返回首页',
    workfrontSaid: 'Workfront 返回：{error}。',
    workfrontSaidMore: 'Workfront 返回：{error}（{description}）。',
    'access-denied.title': '未获准访问',
    'access-denied.detail': '您选择了不允许此应用使用您的 Workfront 帐户。未共享任何内容。',
    'authorization-error.title': 'Workfront 拒绝了登录',
    'state-mismatch.title': '此登录响应不属于此标签页',
    'state-mismatch.detail':
      '它可能已被使用、在其他标签页中发起，或在传输中被更改。请在此处重新登录。',
    'state-mismatch.missing-state':
      'Workfront 的响应缺少此次登录发送的 state，无法与之匹配。请在此处重新登录。如果每次都如此，说明您的 Workfront 不回传 state：请参阅 docs/connect-workfront.md 中的 stateEcho。',
    'state-mismatch.expired':
      '它所对应的登录发起于十多分钟之前，且响应中没有可证明其归属的 state。请在此处重新登录。',
    'not-a-callback.title': '没有需要完成的登录',
    'not-a-callback.detail': '此页面用于完成 Workfront 登录，但未找到登录响应。',
    'code-rejected.title': '登录代码未被接受',
    'code-rejected.detail': '登录代码仅在两分钟内有效且只能使用一次。此代码已过期或已被使用。',
    'token-error.title': 'Workfront 未签发会话',
    'invalid-token-response.title': 'Workfront 返回了此应用无法读取的响应',
    'invalid-token-response.detail': '中间的代理或服务器可能出现了故障。（{detail}）',
    'vault-mismatch.title': '此标签页需要重新加载',
    'vault-mismatch.configuration':
      '此应用的另一个已打开标签页使用的是旧配置。请关闭或重新加载此应用的其他标签页，然后重新登录。',
    'vault-mismatch.release':
      '此标签页运行的应用版本与其他已打开的标签页不同。请重新加载此标签页，然后重新登录。',
    'network.title': '无法连接到 Workfront',
    'network.detail': '请检查网络连接，然后重试。',
    'signed-out.title': '您已退出登录',
    'signed-out.detail': '请登录以继续。',
    'unexpected.title': '登录失败',
  },
} satisfies Translation<typeof problemMessages>;
