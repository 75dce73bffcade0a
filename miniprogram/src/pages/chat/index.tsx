import { Text, View } from '@tarojs/components';

export default function Page() {
  return (
    <View>
      <Text>chat</Text>
    </View>
  );
}
