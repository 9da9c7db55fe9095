import { defineMessages } from '../i18n/catalog';

/** What each sign-in failure means to the user. Workfront's words are shown as text, never HTML. */
export const problemMessages = defineMessages({
  en: {
    tryAgain: 'Try again',
    toStart: 'Go to the start page',
    workfrontSaid: 'Workfront said: {error}.',
    workfrontSaidMore: 'Workfront said: {error} ({description}).',
    'access-denied.title': 'Access was not allowed',
    'access-denied.detail':
      'You chose not to let this app use your Workfront account. Nothing was shared.',
    'authorization-error.title': 'Workfront refused the sign-in',
    'state-mismatch.title': 'This sign-in response does not belong to this tab',
    'state-mismatch.detail':
      'It may have been used already, started in another tab, or changed on the way. Sign in again from here.',
    'not-a-callback.title': 'There is no sign-in to finish',
    'not-a-callback.detail':
      'This page finishes a sign-in with Workfront, but no sign-in response was found.',
    'code-rejected.title': 'The sign-in code was not accepted',
    'code-rejected.detail':
      'Sign-in codes are valid for two minutes and only once. This one expired or was already used.',
    'token-error.title': 'Workfront did not issue a session',
    'invalid-token-response.title': 'Workfront sent an answer this app cannot read',
    'invalid-token-response.detail': 'A proxy or server in between may have failed. ({detail})',
    'network.title': 'Workfront could not be reached',
    'network.detail': 'Check your connection, then try again.',
    'signed-out.title': 'You are signed out',
    'signed-out.detail': 'Sign in to continue.',
    'unexpected.title': 'Sign-in failed',
  },
  'zh-CN': {
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
    'not-a-callback.title': '没有需要完成的登录',
    'not-a-callback.detail': '此页面用于完成 Workfront 登录，但未找到登录响应。',
    'code-rejected.title': '登录代码未被接受',
    'code-rejected.detail': '登录代码仅在两分钟内有效且只能使用一次。此代码已过期或已被使用。',
    'token-error.title': 'Workfront 未签发会话',
    'invalid-token-response.title': 'Workfront 返回了此应用无法读取的响应',
    'invalid-token-response.detail': '中间的代理或服务器可能出现了故障。（{detail}）',
    'network.title': '无法连接到 Workfront',
    'network.detail': '请检查网络连接，然后重试。',
    'signed-out.title': '您已退出登录',
    'signed-out.detail': '请登录以继续。',
    'unexpected.title': '登录失败',
  },
});
