export default defineAppConfig({
  pages: ['pages/ask/index', 'pages/chat/index', 'pages/continue/index'],
  window: {
    navigationBarTitleText: '前台 Front desk',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f6f7f9',
  },
});
