import type { Translation } from '../i18n/catalog';
import type { messages } from './user-changed-messages';

export default {
  id: 'app/user-changed-messages',
  messages: {
    userChanged: '您现在以 {name} 的身份登录。之前在此登录的用户已退出，其未保存的更改已删除。',
    userChangedUnnamed:
      '您现在以另一位用户的身份登录。之前在此登录的用户已退出，其未保存的更改已删除。',
    understood: '知道了',
  },
} satisfies Translation<typeof messages>;
