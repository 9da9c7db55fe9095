import type { Translation } from '../i18n/catalog';
import type { notFoundMessages } from './not-found-messages';

export default {
  id: 'components/not-found-messages',
  messages: {
    title: '找不到页面',
    text: '此地址没有任何内容。',
    toStart: '返回首页',
  },
} satisfies Translation<typeof notFoundMessages>;
