export default definePageConfig({ navigationBarTitleText: '前台 Front desk' });
